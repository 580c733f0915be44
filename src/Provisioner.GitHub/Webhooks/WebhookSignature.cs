using System.Security.Cryptography;
using System.Text;

namespace Provisioner.GitHub.Webhooks;

/// <summary>
/// GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw
/// body under the webhook secret. The one implementation: the inbox verifies with it, the GitHub
/// simulator and the tests sign with it.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header GitHub signs deliveries with.</summary>
    public const string Header = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";

    /// <summary>The header value for a body, as GitHub computes it.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) => Prefix + Convert.ToHexStringLower(Hash(secret, body));

    /// <summary>
    /// True when <paramref name="header"/> is the signature of <paramref name="body"/> under
    /// <paramref name="secret"/>; compared in constant time, and only GitHub's exact shape counts.
    /// </summary>
    public static bool IsValid(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        var hex = header.AsSpan(Prefix.Length);
        if (hex.ContainsAnyExcept("0123456789abcdef"))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(secret, body), Convert.FromHexString(hex));
    }

    private static byte[] Hash(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
}
