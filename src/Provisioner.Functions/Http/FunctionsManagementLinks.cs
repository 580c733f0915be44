using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Provisioner.Api;

namespace Provisioner.Functions.Http;

/// <summary>The Durable status query URLs as the Functions host's Durable extension makes them (they carry the host's system key).</summary>
internal sealed class FunctionsManagementLinks(DurableTaskClient client, FunctionContext context) : IManagementLinks
{
    public async ValueTask<DurableManagementUrls> ForAsync(HttpRequest request, string instanceId)
    {
        var payload = client.CreateHttpManagementPayload(instanceId, await context.GetHttpRequestDataAsync());
        return new DurableManagementUrls(
            payload.Id ?? instanceId,
            Required(payload.StatusQueryGetUri),
            Required(payload.SendEventPostUri),
            Required(payload.TerminatePostUri));
    }

    private static string Required(string? url) =>
        url ?? throw new InvalidOperationException("The Durable extension returned no management URL; is the Durable client binding configured?");
}
