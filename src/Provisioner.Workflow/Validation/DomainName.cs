using System.Text.RegularExpressions;

namespace Provisioner.Workflow.Validation;

/// <summary>
/// Normalizes and checks a site's domain: ASCII only (checked before anything is folded, so no
/// Unicode character can case-fold into a valid name), trimmed, lower-cased, then an RFC 1123 host
/// name of at least two labels, at most 253 characters, labels of at most 63 letters, digits and
/// inner hyphens; no wildcard, scheme, port, path, trailing dot or IP address.
/// </summary>
public static partial class DomainName
{
    private const int MaxLength = 253;
    private const int MaxLabelLength = 63;
    private const string Example = "e.g. \"shop.example.com\"";

    /// <summary>Normalizes <paramref name="raw"/>; returns the error, or null when it is a valid domain.</summary>
    public static FieldError? Validate(string raw, IReadOnlyCollection<string> allowedParents, out string normalized)
    {
        // "\u212Aey.example.com" (KELVIN SIGN) lower-cases to "key.example.com": refuse it first.
        if (!raw.All(char.IsAscii))
        {
            normalized = raw;
            return new FieldError("domain", "domain contains non-ASCII characters.", "Send an internationalized domain in its punycode (xn--) form.");
        }

        normalized = raw.Trim().ToLowerInvariant();
        var error = Check(normalized, allowedParents);
        return error is null ? null : new FieldError("domain", error.Value.Message, error.Value.Fix);
    }

    private static (string Message, string Fix)? Check(string domain, IReadOnlyCollection<string> allowedParents)
    {
        if (domain.Length == 0)
        {
            return ("domain is empty.", $"Send the site's host name, {Example}.");
        }

        if (domain.Contains("://", StringComparison.Ordinal))
        {
            return ("domain must be a host name, not a URL.", $"Remove the scheme and any path: {Example}.");
        }

        if (domain.IndexOfAny(['/', '?', '#', '@']) >= 0)
        {
            return ("domain must be a host name only, without path, query or user.", $"Send only the host name, {Example}.");
        }

        if (domain.Contains(':', StringComparison.Ordinal) || domain.StartsWith('['))
        {
            return ("domain must not have a port or be an IPv6 address.", $"Send only the host name without ':port', {Example}.");
        }

        if (domain.Contains('*', StringComparison.Ordinal))
        {
            return ("domain must not be a wildcard.", "Provision each site under its own host name, e.g. \"shop.example.com\".");
        }

        if (domain.Length > MaxLength)
        {
            return ($"domain is {domain.Length} characters long; the limit is {MaxLength}.", "Use a shorter host name.");
        }

        if (domain.EndsWith('.'))
        {
            return ("domain must not end with a dot.", "Remove the trailing dot: \"shop.example.com\", not \"shop.example.com.\".");
        }

        var labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return ("domain must have at least two labels.", $"Send a fully qualified host name, {Example}.");
        }

        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                return ("domain has an empty label (two dots in a row, or a leading dot).", $"Remove the extra dot, {Example}.");
            }

            if (label.Length > MaxLabelLength)
            {
                return ($"domain label '{ClientText.Shorten(label, 10)}' is {label.Length} characters long; the limit is {MaxLabelLength}.", "Shorten that label.");
            }

            if (!Label().IsMatch(label))
            {
                return ($"domain label '{ClientText.Shorten(label)}' may hold only letters, digits and inner hyphens.",
                    "Use only a-z, 0-9 and '-' (not at a label's start or end); underscores are not allowed in host names.");
            }
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            return ("domain looks like an IP address; a site needs a host name.", $"Send the site's host name, {Example}.");
        }

        if (allowedParents.Count > 0 && !allowedParents.Any(parent => domain.EndsWith("." + parent, StringComparison.Ordinal)))
        {
            return ($"domain must be under one of: {string.Join(", ", allowedParents)}.",
                $"Use a host name under an allowed parent, e.g. \"shop.{allowedParents.First()}\".");
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
