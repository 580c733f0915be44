using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Provisioner.Workflow.Api;

namespace Provisioner.Functions.Http;

/// <summary>The Durable status query URLs as the Functions host's Durable extension makes them.</summary>
internal sealed class FunctionsManagementLinks(DurableTaskClient client, HttpRequestData request) : IManagementLinks
{
    public DurableManagementUrls For(string instanceId)
    {
        var payload = client.CreateHttpManagementPayload(instanceId, request);
        return new DurableManagementUrls(
            payload.Id ?? instanceId,
            Required(payload.StatusQueryGetUri),
            Required(payload.SendEventPostUri),
            Required(payload.TerminatePostUri),
            Required(payload.PurgeHistoryDeleteUri),
            payload.RestartPostUri,
            payload.SuspendPostUri,
            payload.ResumePostUri);
    }

    private static string Required(string? url) =>
        url ?? throw new InvalidOperationException("The Durable extension returned no management URL; is the Durable client binding configured?");
}
