using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Provisioner.Workflow.Api;

namespace Provisioner.Http;

/// <summary>
/// A subset of the Durable Functions HTTP API (status, raise event, terminate, purge) for hosts without the
/// Durable extension, so the <c>durable</c> links a provision returns work there too.
/// </summary>
public static class DurableStatusEndpoints
{
    private const string Instances = "/runtime/webhooks/durabletask/instances";

    /// <summary>Maps the status query, raise-event and terminate routes.</summary>
    public static IEndpointRouteBuilder MapDurableStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Instances + "/{id}", async (string id, DurableTaskClient client, CancellationToken cancellationToken) =>
        {
            var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
            return instance is null
                ? Results.NotFound()
                : Results.Json(new
                {
                    name = instance.Name,
                    instanceId = instance.InstanceId,
                    runtimeStatus = instance.RuntimeStatus.ToString(),
                    input = Parse(instance.SerializedInput),
                    customStatus = Parse(instance.SerializedCustomStatus),
                    output = Parse(instance.SerializedOutput),
                    createdTime = instance.CreatedAt,
                    lastUpdatedTime = instance.LastUpdatedAt,
                });
        });

        app.MapPost(Instances + "/{id}/raiseEvent/{eventName}", async (string id, string eventName, HttpContext http, DurableTaskClient client) =>
        {
            var payload = await JsonSerializer.DeserializeAsync<JsonElement?>(http.Request.Body, cancellationToken: http.RequestAborted);
            await client.RaiseEventAsync(id, eventName, payload, http.RequestAborted);
            return Results.Accepted();
        });

        app.MapPost(Instances + "/{id}/terminate", async (string id, string? reason, DurableTaskClient client, CancellationToken cancellationToken) =>
        {
            await client.TerminateInstanceAsync(id, reason, cancellationToken);
            return Results.Accepted();
        });

        app.MapDelete(Instances + "/{id}", async (string id, DurableTaskClient client, CancellationToken cancellationToken) =>
        {
            var purged = await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
            return purged.PurgedInstanceCount > 0 ? Results.Ok() : Results.NotFound();
        });

        return app;
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
}

/// <summary>Management links pointing at <see cref="DurableStatusEndpoints"/> under a base URL.</summary>
public sealed class LocalManagementLinks(Uri baseUrl) : IManagementLinks
{
    /// <inheritdoc/>
    public DurableManagementUrls For(string instanceId)
    {
        var instance = new Uri(baseUrl, $"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}").ToString();
        return new DurableManagementUrls(instanceId, instance, instance + "/raiseEvent/{eventName}", instance + "/terminate?reason={text}",
            instance, null, null, null);
    }
}
