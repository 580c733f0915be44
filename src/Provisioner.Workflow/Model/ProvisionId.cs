using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Provisioner.Workflow.Model;

/// <summary>
/// Provision ids: <c>prv-</c>, then 16 lower-case hex digits that are the domain's key
/// (<see cref="DomainKeyOf(string)"/>, a hash of the normalized domain), then 16 random ones. The id
/// is the provision's durable instance id and part of its branch name, so it is unique per run and
/// safe in both places; and it says which domain lock holds the provision
/// (<see cref="Orchestration.DomainLock.InstanceIdOf"/>), so an id resolves in one or two reads.
/// </summary>
public static partial class ProvisionId
{
    private const string Prefix = "prv-";
    private const int KeyLength = 16;

    /// <summary>A new provision id for a normalized domain.</summary>
    public static string New(string normalizedDomain) =>
        Prefix + DomainKey(normalizedDomain) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>True when <paramref name="value"/> has the shape of a provision id.</summary>
    public static bool IsValid(string? value) => value is not null && Shape().IsMatch(value);

    /// <summary>The domain key of a valid provision id.</summary>
    public static string DomainKeyOf(string provisionId) =>
        IsValid(provisionId) ? provisionId.Substring(Prefix.Length, KeyLength) : throw new ArgumentException($"'{provisionId}' is not a provision id.", nameof(provisionId));

    /// <summary>
    /// The key of a normalized domain: the first 64 bits of its SHA-256, in hex. Two domains share
    /// a key (and so a lock) only by a hash collision, about one in 2^32 among 2^32 domains.
    /// </summary>
    public static string DomainKey(string normalizedDomain) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedDomain)))[..KeyLength];

    /// <summary>The prefix every provision id of a domain starts with: how a domain's provisions are listed.</summary>
    public static string PrefixFor(string normalizedDomain) => Prefix + DomainKey(normalizedDomain);

    /// <summary>The prefix of every provision id.</summary>
    public static string AnyPrefix => Prefix;

    [GeneratedRegex("^prv-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
