using Provisioner.Workflow.Provisions;
using Provisioner.Workflow.Validation;

namespace Provisioner.GitHub.Webhooks;

/// <summary>What the inbox made of a delivery.</summary>
public abstract record WebhookVerdict
{
    private WebhookVerdict()
    {
    }

    /// <summary>A provision's pull request was closed: hand the report to the workflow.</summary>
    /// <param name="Report">The typed fact, with the delivery id as the report's id.</param>
    public sealed record PullRequestClosed(PullRequestClosedReport Report) : WebhookVerdict;

    /// <summary>A ping (sent when the webhook is created): the webhook is set up.</summary>
    public sealed record Pong : WebhookVerdict;

    /// <summary>A genuine delivery Provisioner has no use for.</summary>
    /// <param name="Reason">Why it is not used.</param>
    public sealed record Ignored(string Reason) : WebhookVerdict;

    /// <summary>The delivery is not signed with the webhook secret; nothing in it was read.</summary>
    public sealed record BadSignature : WebhookVerdict;

    /// <summary>The webhook secret could not be read (e.g. Key Vault refused); GitHub can redeliver once fixed.</summary>
    /// <param name="Reason">The secret provider's message (never the secret).</param>
    public sealed record SecretUnavailable(string Reason) : WebhookVerdict;

    /// <summary>A setting the inbox needs is missing.</summary>
    /// <param name="What">What is not configured.</param>
    /// <param name="Fix">Which settings to set.</param>
    public sealed record NotConfigured(string What, string Fix) : WebhookVerdict;

    /// <summary>The webhook sends another content type than JSON.</summary>
    /// <param name="ContentType">What it sent.</param>
    public sealed record UnsupportedContentType(string? ContentType) : WebhookVerdict;

    /// <summary>A signed delivery that is not what GitHub sends.</summary>
    /// <param name="Title">What is wrong, in short.</param>
    /// <param name="Error">The header or payload field at fault, and the fix.</param>
    public sealed record Malformed(string Title, FieldError Error) : WebhookVerdict;
}
