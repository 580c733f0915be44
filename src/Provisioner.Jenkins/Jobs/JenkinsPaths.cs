namespace Provisioner.Jenkins.Jobs;

/// <summary>Jenkins URL paths of items: each folder level is <c>job/NAME/</c>, names escaped.</summary>
internal static class JenkinsPaths
{
    /// <summary>The path of an item under JENKINS_URL, e.g. <c>job/provisioned-sites/job/shop-example-com/</c>; empty for the root.</summary>
    public static string Of(IEnumerable<string> names) => string.Concat(names.Select(n => "job/" + Uri.EscapeDataString(n) + "/"));

    /// <summary>The path of an item by its full name (<c>a/b/c</c>).</summary>
    public static string Of(string fullName) => Of(fullName.Split('/', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>True when a URL Jenkins returned (built from its own root URL) is the item at <paramref name="path"/>.</summary>
    public static bool Names(string? url, string path) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && Uri.UnescapeDataString(uri.AbsolutePath).EndsWith("/" + Uri.UnescapeDataString(path), StringComparison.Ordinal);
}
