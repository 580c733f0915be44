using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Api;

/// <summary>
/// <c>POST /api/github/webhook</c>. The signature is checked over the raw body before anything is
/// parsed; a closed pull request of a provision branch in the sites repository is handed to its
/// provision, once per delivery id; everything else is acknowledged and ignored.
/// </summary>
public sealed partial class GitHubWebhookApi(ISecretProvider secrets, IConfiguration configuration, ILogger<GitHubWebhookApi> logger)
{
    /// <summary>The largest delivery accepted. GitHub caps payloads at 25 MB; pull_request events are tens of KB.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private static readonly OrchestrationRuntimeStatus[] AnyStatus =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    private readonly string? expectedRepository =
        configuration[SettingNames.GitHubOwner] is { Length: > 0 } owner && configuration[SettingNames.GitHubRepo] is { Length: > 0 } repo
            ? $"{owner}/{repo}"
            : null;

    /// <summary>Handles one delivery.</summary>
    public async Task<ApiResponse> HandleAsync(DurableTaskClient client, ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Body.Length > MaxBodyBytes)
        {
            return ProvisionRequestReader.TooLarge(MaxBodyBytes).ToResponse();
        }

        string? secret;
        try
        {
            secret = await secrets.GetSecretAsync(SettingNames.WebhookSecret, cancellationToken);
        }
        catch (IntegrationException ex)
        {
            // GitHub shows the response in the delivery log and lets the delivery be redelivered from there.
            LogSecretUnavailable(logger, ex.Message);
            return new Problem("urn:provisioner:problem:secret-unavailable", "The webhook secret could not be read.", 503,
                $"{ex.Message} Redeliver the delivery from the webhook's settings on GitHub once fixed.").ToResponse();
        }

        if (secret is null)
        {
            LogNoSecret(logger);
            return new Problem("urn:provisioner:problem:not-configured", "The webhook is not configured.", 503,
                $"Set {SettingNames.WebhookSecret} to the secret of the GitHub webhook.").ToResponse();
        }

        if (!GitHubWebhookSignature.IsValid(secret, request.Body, request.Header(GitHubWebhookSignature.Header)))
        {
            LogBadSignature(logger, request.Header("X-GitHub-Delivery"));
            return new Problem("urn:provisioner:problem:bad-signature", "The delivery is not signed with the webhook secret.", 401,
                $"Send {GitHubWebhookSignature.Header} as GitHub does: sha256=HMAC-SHA256(secret, raw body).").ToResponse();
        }

        var eventName = request.Header("X-GitHub-Event");
        switch (eventName)
        {
            case "ping":
                return ApiResponse.Json(200, new WebhookResult("pong", "The webhook is set up."));
            case "pull_request":
                break;
            default:
                return Ignored($"Event '{eventName ?? "(none)"}' is not used.");
        }

        if (!Guid.TryParse(request.Header("X-GitHub-Delivery"), out var deliveryId))
        {
            return new Problem("urn:provisioner:problem:invalid-request", "The delivery has no id.", 400,
                "X-GitHub-Delivery must be the delivery's GUID, as GitHub sends it.").ToResponse();
        }

        PullRequestEvent? pullRequest;
        try
        {
            pullRequest = PullRequestEvent.Parse(request.Body);
        }
        catch (JsonException)
        {
            return new Problem("urn:provisioner:problem:invalid-request", "The delivery is not a pull_request event.", 400,
                "The body must be GitHub's pull_request event JSON.").ToResponse();
        }

        if (pullRequest is null || pullRequest.Action != "closed")
        {
            return Ignored($"pull_request action '{pullRequest?.Action}' is not used; only 'closed' is.");
        }

        if (expectedRepository is null)
        {
            return new Problem("urn:provisioner:problem:not-configured", "The sites repository is not configured.", 503,
                $"Set {SettingNames.GitHubOwner} and {SettingNames.GitHubRepo}; deliveries are only taken from that repository.").ToResponse();
        }

        if (!string.Equals(pullRequest.Repository, expectedRepository, StringComparison.OrdinalIgnoreCase))
        {
            return Ignored($"Repository '{pullRequest.Repository}' is not the sites repository.");
        }

        if (pullRequest.HeadRepository is { } head && !string.Equals(head, expectedRepository, StringComparison.OrdinalIgnoreCase))
        {
            return Ignored($"The pull request's branch lives in '{head}', not in the sites repository.");
        }

        if (!ProvisionBranch.TryParse(pullRequest.HeadRef, out var provisionId))
        {
            return Ignored($"Branch '{pullRequest.HeadRef}' is not a provision branch.");
        }

        var provision = await client.GetInstanceAsync(provisionId, cancellationToken);
        if (provision is null || provision.Name != OrchestratorNames.Provision || !provision.IsRunning)
        {
            return Ignored($"Provision {provisionId} is not waiting for its pull request.");
        }

        var closed = new PullRequestClosed(pullRequest.Number, pullRequest.Merged, pullRequest.MergeCommitSha, pullRequest.ClosedBy);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                OrchestratorNames.PullRequestClosedDelivery,
                new PullRequestClosedDelivery.Input(provisionId, closed),
                new StartOrchestrationOptions(PullRequestClosedDelivery.InstanceId(deliveryId)).WithDedupeStatuses(AnyStatus),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            LogRedelivery(logger, deliveryId, provisionId);
            return ApiResponse.Json(200, new WebhookResult("duplicate", $"Delivery {deliveryId} was already handled."));
        }

        LogDelivered(logger, deliveryId, provisionId, closed.Merged);
        return ApiResponse.Json(202, new WebhookResult(closed.Merged ? "merged" : "closed",
            $"Provision {provisionId} was told pull request #{closed.Number} was {(closed.Merged ? "merged" : "closed without merging")}."));
    }

    private static ApiResponse Ignored(string reason) => ApiResponse.Json(200, new WebhookResult("ignored", reason));

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub webhook delivery refused: WEBHOOK_SECRET is not set.")]
    private static partial void LogNoSecret(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub webhook delivery refused: the webhook secret could not be read: {Reason}")]
    private static partial void LogSecretUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub webhook delivery {DeliveryId} refused: bad or missing signature.")]
    private static partial void LogBadSignature(ILogger logger, string? deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub webhook delivery {DeliveryId} for provision {ProvisionId} was a redelivery; ignored.")]
    private static partial void LogRedelivery(ILogger logger, Guid deliveryId, string provisionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "GitHub webhook delivery {DeliveryId}: provision {ProvisionId} pull request closed (merged: {Merged}).")]
    private static partial void LogDelivered(ILogger logger, Guid deliveryId, string provisionId, bool merged);
}

/// <summary>What the webhook did with a delivery.</summary>
/// <param name="Result">pong, merged, closed, duplicate or ignored.</param>
/// <param name="Reason">Why.</param>
public sealed record WebhookResult(string Result, string Reason);
