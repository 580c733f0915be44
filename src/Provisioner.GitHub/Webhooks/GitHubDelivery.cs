namespace Provisioner.GitHub.Webhooks;

/// <summary>One webhook delivery as GitHub sends it: the headers that matter and the raw body.</summary>
/// <param name="Event">The <c>X-GitHub-Event</c> header (pull_request, ping, …).</param>
/// <param name="DeliveryId">The <c>X-GitHub-Delivery</c> header: a GUID, reused by redeliveries.</param>
/// <param name="Signature256">The <c>X-Hub-Signature-256</c> header.</param>
/// <param name="ContentType">The <c>Content-Type</c> header: the webhook's content type setting on GitHub.</param>
/// <param name="Body">The raw body; the signature covers these exact bytes.</param>
public sealed record GitHubDelivery(string? Event, string? DeliveryId, string? Signature256, string? ContentType, ReadOnlyMemory<byte> Body)
{
    /// <summary>The header naming the event.</summary>
    public const string EventHeader = "X-GitHub-Event";

    /// <summary>The header with the delivery's GUID.</summary>
    public const string DeliveryHeader = "X-GitHub-Delivery";

    /// <summary>Reads a delivery from a request's headers (by name, case-insensitive) and body.</summary>
    public static GitHubDelivery From(Func<string, string?> header, ReadOnlyMemory<byte> body) =>
        new(header(EventHeader), header(DeliveryHeader), header(WebhookSignature.Header), header("Content-Type"), body);
}
