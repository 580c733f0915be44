using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Common.Diagnostics;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>The API lives at the root (fault rules match the whole path); injected statuses carry the API server's <c>Status</c> bodies.</summary>
internal static class KubernetesFaults
{
    public static DiagnosticsOptions Options { get; } = new(string.Empty, WriteAsync);

    public static ApiError ErrorFor(int status, int? retryAfterSeconds) => status switch
    {
        401 => ApiError.Unauthorized(),
        403 => new ApiError(403, "Forbidden", "forbidden: the request was refused by an admission or authorization rule"),
        404 => ApiError.PageNotFound(),
        409 => new ApiError(409, "Conflict", "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again"),
        429 => new ApiError(429, "TooManyRequests", "Too many requests, please try again later.", retryAfterSeconds is { } s ? new JsonObject { ["retryAfterSeconds"] = s } : null),
        500 => new ApiError(500, "InternalError", "Internal error occurred: etcdserver: request timed out"),
        503 => new ApiError(503, "ServiceUnavailable", "The server is currently unable to handle the request"),
        504 => new ApiError(504, "Timeout", "The server was unable to return a response in the time allotted, but may still be processing the request"),
        _ => new ApiError(status, string.Empty, $"the server responded with the status code {status} but did not return more information"),
    };

    private static async Task WriteAsync(HttpContext context, int status, int? retryAfterSeconds)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(ApiJson.Serialize(ErrorFor(status, retryAfterSeconds).ToStatus()) + "\n");
    }
}
