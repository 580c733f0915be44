using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Provisioner.Workflow.Api;

namespace Provisioner.Http;

/// <summary>
/// The Functions app's HTTP routes, for hosts other than the Functions host (the local runner):
/// the same paths and the same API code, bound to minimal-API endpoints.
/// </summary>
public static class ProvisionerEndpoints
{
    /// <summary>
    /// Maps <c>/api/provisions…</c>, <c>/api/templates</c> and <c>/api/github/webhook</c>; the
    /// Durable links a provision returns point at <see cref="DurableStatusEndpoints"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapProvisionerApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/provisions", async (HttpContext http, ProvisioningApi api, DurableTaskClient client) =>
        {
            var request = await Read(http, ProvisioningApi.MaxBodyBytes);
            return (await api.StartAsync(client, request, new LocalManagementLinks(request.BaseUrl), http.RequestAborted)).ToResult(http);
        });

        app.MapPost("/api/provisions/preview", async (HttpContext http, TemplatesApi api) =>
            api.Preview(await Read(http, ProvisioningApi.MaxBodyBytes)).ToResult(http));

        app.MapGet("/api/provisions/{id}", async (string id, HttpContext http, ProvisioningApi api, DurableTaskClient client) =>
            (await api.GetAsync(client, id, await Read(http, 0), http.RequestAborted)).ToResult(http));

        app.MapPost("/api/provisions/{id}/cancel", async (string id, HttpContext http, ProvisioningApi api, DurableTaskClient client) =>
            (await api.CancelAsync(client, id, await Read(http, 0), http.RequestAborted)).ToResult(http));

        app.MapGet("/api/templates", (HttpContext http, TemplatesApi api) => api.List().ToResult(http));

        app.MapPost("/api/github/webhook", async (HttpContext http, GitHubWebhookApi api, DurableTaskClient client) =>
            (await api.HandleAsync(client, await Read(http, GitHubWebhookApi.MaxBodyBytes), http.RequestAborted)).ToResult(http));

        return app;
    }

    private static Task<ApiRequest> Read(HttpContext http, int maxBytes) => http.Request.ToApiRequestAsync(maxBytes, http.RequestAborted);
}
