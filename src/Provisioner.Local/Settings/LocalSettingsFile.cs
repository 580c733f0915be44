using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Local.Settings;

/// <summary>
/// A <c>local.settings.json</c> in the Functions format (<c>{"Values": {"NAME": "value", …}}</c>), the
/// file <c>func start</c> reads, so one file configures both hosts. Only <c>Values</c> is read.
/// </summary>
internal static class LocalSettingsFile
{
    /// <summary>The file's name.</summary>
    public const string FileName = "local.settings.json";

    /// <summary>The file's values; <see cref="InvalidLocalSettingsException"/> naming the file when it is not in the Functions format.</summary>
    public static IReadOnlyDictionary<string, string?> Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidLocalSettingsException(path, $"it is not valid JSON ({ex.Message.Split(" Path:")[0]})");
        }

        if (root is not JsonObject file || (file["Values"] is not null && file["Values"] is not JsonObject))
        {
            throw new InvalidLocalSettingsException(path, "it must be an object whose \"Values\" is an object of settings");
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in file["Values"] as JsonObject ?? [])
        {
            values[name] = value switch
            {
                null => null,
                JsonValue scalar when scalar.GetValueKind() is JsonValueKind.String => scalar.GetValue<string>(),
                JsonValue scalar when scalar.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => scalar.ToJsonString(),
                _ => throw new InvalidLocalSettingsException(path, $"the value of \"{name}\" must be a string"),
            };
        }

        return values;
    }
}

/// <summary>A <c>local.settings.json</c> the runner cannot use; the message names the file and what is wrong.</summary>
internal sealed class InvalidLocalSettingsException(string path, string problem)
    : Exception($"{path} cannot be read: {problem}. Fix or remove it (see local.settings.sample.json).");
