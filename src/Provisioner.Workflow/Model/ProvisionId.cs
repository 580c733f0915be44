using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Provisioner.Workflow.Model;

/// <summary>
/// Provision ids: <c>prv-</c> and 32 lower-case hex digits. The id is the provision's durable
/// instance id and part of its branch name, so it is unique per run and safe in both places.
/// </summary>
public static partial class ProvisionId
{
    private const string Prefix = "prv-";

    /// <summary>A new random provision id.</summary>
    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True when <paramref name="value"/> has the shape of a provision id.</summary>
    public static bool IsValid(string? value) => value is not null && Shape().IsMatch(value);

    [GeneratedRegex("^prv-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
