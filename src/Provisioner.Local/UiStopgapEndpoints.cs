using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Provisioner.Local;

/// <summary>
/// <c>GET /api/sandbox</c> until the sandbox lands: the GitHub simulator's reviewer identity, so the UI
/// can act as the DevOps team.
/// </summary>
internal static class UiStopgapEndpoints
{
    public static IEndpointRouteBuilder MapUiStopgaps(this IEndpointRouteBuilder app, Uri gitHubApiUrl, string reviewerToken)
    {
        app.MapGet("/api/sandbox", () => TypedResults.Json(new JsonObject
        {
            ["github"] = new JsonObject
            {
                ["api_url"] = gitHubApiUrl.ToString(),
                ["owner"] = LocalRunner.Owner,
                ["repo"] = LocalRunner.Repository,
                ["reviewer_token"] = reviewerToken,
            },
            ["jenkins"] = null,
            ["kubernetes"] = null,
            ["ingress"] = null,
        })).WithName(LocalRunner.SandboxEndpoint);

        return app;
    }
}
