namespace Provisioner.Simulators.GitHub.Webhooks;

/// <summary>One attempt to deliver a webhook, as GitHub lists it under a hook's deliveries.</summary>
public sealed record WebhookDelivery
{
    /// <summary>The <c>X-GitHub-Delivery</c> GUID; a redelivery keeps the original's.</summary>
    public required Guid Id { get; init; }

    /// <summary>This attempt's own number (<c>id</c> in GitHub's deliveries list; what a redelivery names).</summary>
    public required long DeliveryId { get; init; }

    /// <summary>The <c>X-GitHub-Event</c> name.</summary>
    public required string Event { get; init; }

    /// <summary>The payload's <c>action</c>, when it has one.</summary>
    public required string? Action { get; init; }

    /// <summary>The repository whose hook sent it.</summary>
    public required long RepositoryId { get; init; }

    /// <summary>The exact bytes sent, as UTF-8 text.</summary>
    public required string Body { get; init; }

    /// <summary>The <c>X-Hub-Signature-256</c> header sent.</summary>
    public required string Signature256 { get; init; }

    /// <summary>Where it was sent; null when no webhook URL was configured (then nothing was sent and no hook lists it).</summary>
    public required Uri? Url { get; init; }

    /// <summary>Whether it repeats an earlier delivery (<c>POST …/deliveries/{id}/attempts</c>).</summary>
    public required bool Redelivery { get; init; }

    /// <summary>When the attempt started.</summary>
    public required DateTimeOffset DeliveredAt { get; init; }

    /// <summary>How long the receiver took to answer (or to fail).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>The receiver's status code, or 0 when it could not be reached.</summary>
    public required int StatusCode { get; init; }

    /// <summary>GitHub's words for the outcome: <c>OK</c>, <c>Invalid HTTP Response: 503</c>, <c>failed to connect to host</c>, <c>timed out</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the delivery failed, when it did.</summary>
    public required string? Error { get; init; }
}
