using System.Globalization;
using System.Text.Json;

namespace Provisioner.GitHub.Mcp;

/// <summary>Reads github-mcp-server tool results (JSON text).</summary>
internal static class McpResults
{
    /// <summary>The pull request number and URL from <c>create_pull_request</c>'s result (<c>{"id","url"}</c> or a full pull request).</summary>
    public static (int Number, string Url)? PullRequest(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var url = Text(root, "html_url") ?? Text(root, "url");
            if (root.TryGetProperty("number", out var n) && n.TryGetInt32(out var number) && url is not null)
            {
                return (number, url);
            }

            var marker = url?.LastIndexOf("/pull/", StringComparison.Ordinal) ?? -1;
            if (url is not null && marker >= 0 && int.TryParse(url[(marker + 6)..].TrimEnd('/'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return (parsed, url);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
