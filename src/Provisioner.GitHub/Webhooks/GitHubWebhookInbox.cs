using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;
using Provisioner.Workflow.Provisions;
using Provisioner.Workflow.Validation;

namespace Provisioner.GitHub.Webhooks;

/// <summary>
/// Verifies and reads GitHub's webhook deliveries. The signature is checked over the raw body
/// before anything else is read; a closed pull request of a provision branch of the sites
/// repository (not a fork's) becomes a <see cref="PullRequestClosedReport"/>; everything else is
/// acknowledged and ignored.
/// </summary>
public sealed partial class GitHubWebhookInbox(ISecretProvider secrets, IOptions<SitesRepositoryOptions> sitesRepository, ILogger<GitHubWebhookInbox> logger)
{
    /// <summary>Reads one delivery.</summary>
    public async Task<WebhookVerdict> ReceiveAsync(GitHubDelivery delivery, CancellationToken cancellationToken)
    {
        string? secret;
        try
        {
            secret = await secrets.GetSecretAsync(SettingNames.WebhookSecret, cancellationToken);
        }
        catch (IntegrationException ex)
        {
            LogSecretUnavailable(logger, ex.Message);
            return new WebhookVerdict.SecretUnavailable(ex.Message);
        }

        if (secret is null)
        {
            LogNoSecret(logger);
            return new WebhookVerdict.NotConfigured("The webhook is not configured.", $"Set {SettingNames.WebhookSecret} to the secret of the GitHub webhook.");
        }

        if (!WebhookSignature.IsValid(secret, delivery.Body.Span, delivery.Signature256))
        {
            LogBadSignature(logger, delivery.DeliveryId);
            return new WebhookVerdict.BadSignature();
        }

        if (!IsJson(delivery.ContentType))
        {
            return new WebhookVerdict.UnsupportedContentType(delivery.ContentType);
        }

        switch (delivery.Event)
        {
            case "ping":
                return new WebhookVerdict.Pong();
            case "pull_request":
                return ReadPullRequest(delivery);
            default:
                return new WebhookVerdict.Ignored($"Event '{ClientText.Shorten(delivery.Event ?? "(none)")}' is not used.");
        }
    }

    private WebhookVerdict ReadPullRequest(GitHubDelivery delivery)
    {
        if (!Guid.TryParse(delivery.DeliveryId, out var deliveryId))
        {
            return new WebhookVerdict.Malformed("The delivery has no id.", new FieldError(GitHubDelivery.DeliveryHeader,
                $"{GitHubDelivery.DeliveryHeader} is missing or not a GUID.", $"{GitHubDelivery.DeliveryHeader} must be the delivery's GUID, as GitHub sends it."));
        }

        PullRequestEvent? pullRequest;
        try
        {
            pullRequest = PullRequestEvent.Parse(delivery.Body);
        }
        catch (JsonException)
        {
            return new WebhookVerdict.Malformed("The delivery is not a pull_request event.",
                new FieldError("body", "The body is not valid JSON.", "The body must be GitHub's pull_request event JSON."));
        }
        catch (InvalidPayloadTextException ex)
        {
            return new WebhookVerdict.Malformed("The delivery is not a pull_request event.",
                new FieldError(ex.Field, $"{ex.Field} is not valid Unicode text (invalid UTF-8 or an unpaired surrogate).", "The body must be GitHub's pull_request event JSON, in UTF-8."));
        }

        if (pullRequest is null || pullRequest.Action != "closed")
        {
            return new WebhookVerdict.Ignored($"pull_request action '{ClientText.Shorten(pullRequest?.Action ?? string.Empty)}' is not used; only 'closed' is.");
        }

        string expected;
        try
        {
            expected = sitesRepository.Value.FullName;
        }
        catch (OptionsValidationException)
        {
            return new WebhookVerdict.NotConfigured("The sites repository is not configured.",
                $"Set {SettingNames.GitHubOwner} and {SettingNames.GitHubRepo}; deliveries are only taken from that repository.");
        }

        if (!string.Equals(pullRequest.Repository, expected, StringComparison.OrdinalIgnoreCase))
        {
            return new WebhookVerdict.Ignored($"Repository '{ClientText.Shorten(pullRequest.Repository ?? string.Empty)}' is not the sites repository.");
        }

        if (pullRequest.HeadRepository is { } head && !string.Equals(head, expected, StringComparison.OrdinalIgnoreCase))
        {
            return new WebhookVerdict.Ignored($"The pull request's branch lives in '{ClientText.Shorten(head)}', not in the sites repository.");
        }

        if (!ProvisionBranch.TryParse(pullRequest.HeadRef, out var provisionId))
        {
            return new WebhookVerdict.Ignored($"Branch '{ClientText.Shorten(pullRequest.HeadRef ?? string.Empty)}' is not a provision branch.");
        }

        return new WebhookVerdict.PullRequestClosed(new PullRequestClosedReport(deliveryId, provisionId,
            new PullRequestClosed(pullRequest.Number, pullRequest.Merged, pullRequest.MergeCommitSha, pullRequest.ClosedBy)));
    }

    /// <summary>GitHub sends JSON as <c>application/json</c> (the webhook's content type setting); <c>application/x-www-form-urlencoded</c> is not read.</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub webhook delivery refused: WEBHOOK_SECRET is not set.")]
    private static partial void LogNoSecret(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "GitHub webhook delivery refused: the webhook secret could not be read: {Reason}")]
    private static partial void LogSecretUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub webhook delivery {DeliveryId} refused: bad or missing signature.")]
    private static partial void LogBadSignature(ILogger logger, string? deliveryId);
}
