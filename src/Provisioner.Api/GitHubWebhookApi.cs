using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Contracts;
using Provisioner.GitHub.Webhooks;
using Provisioner.Workflow.Provisions;

namespace Provisioner.Api;

/// <summary>The GitHub webhook's handler.</summary>
public static class GitHubWebhookApi
{
    /// <summary>
    /// <c>POST /api/github/webhook</c>: 202 when a provision is told its pull request closed; 200 for
    /// a ping, a redelivery and anything ignored; 401 without a valid signature; 400 for a signed
    /// delivery that is not what GitHub sends; 413 over 1 MiB; 415 unless JSON; 503 when the secret
    /// or the sites repository is missing (GitHub lets the delivery be redelivered once fixed).
    /// </summary>
    public static async Task<Results<Accepted<WebhookResult>, Ok<WebhookResult>, ProblemHttpResult>> ReceiveDeliveryAsync(
        HttpRequest request,
        DurableTaskClient client,
        GitHubWebhookInbox inbox,
        PullRequestClosedNotifier notifier,
        CancellationToken cancellationToken)
    {
        var (body, unreadable) = await RequestBody.ReadAsync(request, ApiBodyLimits.GitHubDelivery, cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var headers = request.Headers;
        var delivery = GitHubDelivery.From(name => headers.TryGetValue(name, out var value) ? value.ToString() : null, body);
        return await inbox.ReceiveAsync(delivery, cancellationToken) switch
        {
            WebhookVerdict.PullRequestClosed closed => await NotifyAsync(client, notifier, closed.Report, cancellationToken),
            WebhookVerdict.Pong => TypedResults.Ok(new WebhookResult("pong", "The webhook is set up.")),
            WebhookVerdict.Ignored ignored => TypedResults.Ok(new WebhookResult("ignored", ignored.Reason)),
            WebhookVerdict.BadSignature => Problems.Of("bad-signature", "The delivery is not signed with the webhook secret.", StatusCodes.Status401Unauthorized,
                $"Send {WebhookSignature.Header} as GitHub does: sha256=HMAC-SHA256(secret, raw body)."),
            WebhookVerdict.SecretUnavailable unavailable => Problems.Of("secret-unavailable", "The webhook secret could not be read.", StatusCodes.Status503ServiceUnavailable,
                $"{unavailable.Reason} Redeliver the delivery from the webhook's settings on GitHub once fixed."),
            WebhookVerdict.NotConfigured missing => Problems.Of("not-configured", missing.What, StatusCodes.Status503ServiceUnavailable, missing.Fix),
            WebhookVerdict.UnsupportedContentType => Problems.Of("unsupported-media-type", "The delivery is not JSON.", StatusCodes.Status415UnsupportedMediaType,
                "Set the webhook's content type to application/json in the repository's webhook settings on GitHub, then redeliver."),
            WebhookVerdict.Malformed malformed => Problems.Of("invalid-request", malformed.Title, StatusCodes.Status400BadRequest, malformed.Error.Fix, errors: [malformed.Error]),
            _ => throw new UnreachableException(),
        };
    }

    private static async Task<Results<Accepted<WebhookResult>, Ok<WebhookResult>, ProblemHttpResult>> NotifyAsync(
        DurableTaskClient client, PullRequestClosedNotifier notifier, PullRequestClosedReport report, CancellationToken cancellationToken)
    {
        var pullRequest = report.PullRequest;
        return await notifier.NotifyAsync(client, report, cancellationToken) switch
        {
            NotifyOutcome.Notified => TypedResults.Accepted((string?)null, new WebhookResult(pullRequest.Merged ? "merged" : "closed",
                $"Provision {report.ProvisionId} was told pull request #{pullRequest.Number} was {(pullRequest.Merged ? "merged" : "closed without merging")}.")),
            NotifyOutcome.AlreadyNotified => TypedResults.Ok(new WebhookResult("duplicate", $"Delivery {report.ReportId} was already handled.")),
            NotifyOutcome.NotWaiting => TypedResults.Ok(new WebhookResult("ignored", $"Provision {report.ProvisionId} is not waiting for its pull request.")),
            _ => throw new UnreachableException(),
        };
    }
}
