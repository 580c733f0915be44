using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Provisioner.Api;

namespace Provisioner.Local.Durable;

/// <summary>
/// The part of the Durable Functions HTTP API the <c>durable</c> links of a provision point at
/// (status, raise event, terminate, purge), for the runner, which has no Durable extension.
/// Status codes as Durable Functions answers: 404 for an unknown instance, 410 for one that has
/// ended, 400 for an event body that is not JSON. Nothing reaches the engine for an instance that
/// does not exist: an event or terminate message for one sends the in-process engine into an
/// endless retry loop.
/// </summary>
internal static class DurableStatusApi
{
    /// <summary>Where Durable Functions serves its instance management API.</summary>
    public const string Instances = "/runtime/webhooks/durabletask/instances";

    /// <summary>Maps the status query, raise-event, terminate and purge routes.</summary>
    public static IEndpointRouteBuilder MapDurableStatusApi(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup(Instances);
        instances.MapGet("/{id}", GetStatusAsync);
        instances.MapPost("/{id}/raiseEvent/{eventName}", RaiseEventAsync);
        instances.MapPost("/{id}/terminate", TerminateAsync);
        instances.MapDelete("/{id}", PurgeAsync);
        return app;
    }

    private static async Task<Results<Ok<InstanceStatus>, ProblemHttpResult>> GetStatusAsync(string id, DurableTaskClient client, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is { } instance
            ? TypedResults.Ok(InstanceStatus.From(instance))
            : Unknown(id);

    private static async Task<Results<Accepted, ProblemHttpResult>> RaiseEventAsync(
        string id, string eventName, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await RunningAsync(id, client, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        JsonElement payload;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            payload = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Problems.Of("invalid-request", "The event body is not JSON.", StatusCodes.Status400BadRequest,
                $"Send the event's payload as JSON ({ex.Message.Split(" Path:")[0]})");
        }

        await client.RaiseEventAsync(id, eventName, payload, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(string id, string? reason, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (await RunningAsync(id, client, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await client.TerminateInstanceAsync(id, reason, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Ok, ProblemHttpResult>> PurgeAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var purged = await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
        return purged.PurgedInstanceCount > 0 ? TypedResults.Ok() : Unknown(id);
    }

    /// <summary>Null when the instance exists and has not ended; otherwise the 404 or 410 to send.</summary>
    private static async Task<ProblemHttpResult?> RunningAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(id, cancellationToken);
        if (instance is null)
        {
            return Unknown(id);
        }

        return instance.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
            ? Problems.Of("gone", "The instance has ended.", StatusCodes.Status410Gone, $"Instance {id} ended {instance.RuntimeStatus}; it takes no more events.")
            : null;
    }

    private static ProblemHttpResult Unknown(string id) => Problems.NotFound("instance", $"{Instances}/{Uri.EscapeDataString(id)}");

    /// <summary>An instance's status, with Durable Functions' own (camelCase) names.</summary>
    private sealed record InstanceStatus(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("instanceId")] string InstanceId,
        [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
        [property: JsonPropertyName("input")] JsonElement? Input,
        [property: JsonPropertyName("customStatus")] JsonElement? CustomStatus,
        [property: JsonPropertyName("output")] JsonElement? Output,
        [property: JsonPropertyName("createdTime")] DateTimeOffset CreatedTime,
        [property: JsonPropertyName("lastUpdatedTime")] DateTimeOffset LastUpdatedTime)
    {
        public static InstanceStatus From(OrchestrationMetadata instance) => new(
            instance.Name,
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            Parse(instance.SerializedInput),
            Parse(instance.SerializedCustomStatus),
            Parse(instance.SerializedOutput),
            instance.CreatedAt,
            instance.LastUpdatedAt);

        private static JsonElement? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);
    }
}
