using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>Request bodies in (JSON, or YAML for apply) and JSON responses out, as the API server reads and writes them.</summary>
internal static partial class ApiJson
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex("^[-+]?(0|[1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Integer();

    [GeneratedRegex("^[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Float();

    public static string Serialize(JsonNode node) => node.ToJsonString(Compact);

    /// <summary>A JSON response with the API server's content type.</summary>
    public static IResult Result(JsonNode body, int status = StatusCodes.Status200OK, string contentType = "application/json") =>
        new JsonTextResult(Serialize(body) + "\n", status, contentType);

    /// <summary>Reads a request body as an object: JSON, or YAML (apply patches may be either).</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request)
    {
        // Typed clients (kubectl create) may send protobuf, which the simulator does not speak: 415 as for any unknown format.
        if ((request.ContentType ?? string.Empty).Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiError(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/apply-patch+yaml, application/merge-patch+json (got {request.ContentType})");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        return ParseObject(text, allowYaml: (request.ContentType ?? string.Empty).Contains("yaml", StringComparison.OrdinalIgnoreCase));
    }

    public static JsonObject ParseObject(string text, bool allowYaml)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw ApiError.BadRequest("the request body must be an object");
            }
            catch (JsonException ex) when (!allowYaml)
            {
                throw ApiError.BadRequest($"couldn't get version/kind; json parse error: {ex.Message}");
            }
            catch (JsonException)
            {
                // Not JSON after all: YAML below.
            }
        }

        if (!allowYaml)
        {
            throw ApiError.BadRequest("couldn't get version/kind; json parse error: invalid character looking for beginning of value");
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count > 0 && FromYaml(stream.Documents[0].RootNode) is JsonObject obj
                ? obj
                : throw ApiError.BadRequest("error decoding YAML: the document is not an object");
        }
        catch (YamlException ex)
        {
            throw ApiError.BadRequest($"error decoding YAML: {ex.Message}");
        }
    }

    private static JsonNode? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, FromYaml(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(FromYaml)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when Integer().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }
}
