using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Provisioner.Http;
using Provisioner.Workflow.Api;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Local;

/// <summary>
/// Stand-ins for two routes other branches are building, so the UI can be developed and tested now:
/// <c>GET /api/sandbox</c> (the sandbox's reviewer identity; only GitHub exists yet) and
/// <c>GET /api/provisions</c> (newest first, filtered by status and exact domain; one page). Replaced when
/// those branches land.
/// </summary>
internal static class UiStopgapEndpoints
{
    private const int Limit = 100;

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
        }));

        app.MapGet("/api/provisions", async (string? status, string? domain, HttpContext http, ProvisioningApi api, DurableTaskClient client) =>
        {
            var request = await http.Request.ToApiRequestAsync(0, http.RequestAborted);
            var provisions = new List<JsonNode>();
            var query = new OrchestrationQuery { FetchInputsAndOutputs = false };
            await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(http.RequestAborted))
            {
                if (instance.Name != OrchestratorNames.Provision)
                {
                    continue;
                }

                var view = JsonNode.Parse((await api.GetAsync(client, instance.InstanceId, request, http.RequestAborted)).Body)!;
                if ((status is null || (string?)view["status"] == status) &&
                    (domain is null || string.Equals((string?)view["domain"], domain.Trim(), StringComparison.OrdinalIgnoreCase)))
                {
                    provisions.Add(new JsonObject
                    {
                        ["provision_id"] = (string?)view["provision_id"],
                        ["domain"] = (string?)view["domain"],
                        ["app_type"] = (string?)view["app_type"],
                        ["template_id"] = (string?)view["template_id"],
                        ["status"] = (string?)view["status"],
                        ["created_at"] = (string?)view["created_at"],
                        ["last_updated_at"] = (string?)view["last_updated_at"],
                        ["links"] = view["links"]!.DeepClone(),
                    });
                }
            }

            var newestFirst = provisions.OrderByDescending(p => (string?)p["created_at"], StringComparer.Ordinal).Take(Limit);
            return TypedResults.Json(new JsonObject { ["provisions"] = new JsonArray([.. newestFirst]) });
        });

        return app;
    }
}
