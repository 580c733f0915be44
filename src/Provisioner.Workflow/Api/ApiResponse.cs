namespace Provisioner.Workflow.Api;

/// <summary>An HTTP response as the API makes it; the host turns it into its own response type.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ContentType">The content type of <paramref name="Body"/>.</param>
/// <param name="Body">The serialized body.</param>
/// <param name="Headers">Extra headers (Location, Retry-After).</param>
public sealed record ApiResponse(int StatusCode, string ContentType, string Body, IReadOnlyDictionary<string, string> Headers)
{
    internal static ApiResponse Json(int statusCode, object body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, "application/json; charset=utf-8", ApiJson.Serialize(body), headers ?? new Dictionary<string, string>());
}
