using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Common.Diagnostics;

namespace Provisioner.Simulators.GitHub.Diagnostics;

/// <summary>Where GitHub's API lives in the simulator, and the bodies GitHub sends with the statuses faults inject.</summary>
internal static class GitHubFaults
{
    /// <summary>GitHub Enterprise Server's REST prefix, which Octokit uses for any base address but github.com.</summary>
    public const string ApiPrefix = "/api/v3";

    public static DiagnosticsOptions Options { get; } = new(ApiPrefix, WriteAsync);

    private static async Task WriteAsync(HttpContext context, int status, int? retryAfterSeconds)
    {
        var message = status switch
        {
            403 => "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            429 => "API rate limit exceeded",
            502 => "Server Error",
            503 => "Service Unavailable",
            _ => "Server Error",
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api",
        }));
    }
}
