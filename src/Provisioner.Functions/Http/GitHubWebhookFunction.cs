using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Provisioner.Http;
using Provisioner.Workflow.Api;

namespace Provisioner.Functions.Http;

/// <summary>
/// POST /api/github/webhook. Anonymous at the Functions level because GitHub cannot send a function
/// key; every delivery is authenticated by its HMAC signature instead.
/// </summary>
public sealed class GitHubWebhookFunction(GitHubWebhookApi webhook)
{
    /// <summary>Receives one GitHub delivery.</summary>
    [Function("GitHubWebhook")]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "github/webhook")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var apiRequest = await request.ToApiRequestAsync(GitHubWebhookApi.MaxBodyBytes, context.CancellationToken);
        return (await webhook.HandleAsync(client, apiRequest, context.CancellationToken)).ToActionResult(request);
    }
}
