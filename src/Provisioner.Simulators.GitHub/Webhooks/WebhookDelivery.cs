namespace Provisioner.Simulators.GitHub.Webhooks;

/// <summary>One webhook the simulator sent.</summary>
/// <param name="Id">The <c>X-GitHub-Delivery</c> GUID.</param>
/// <param name="Event">The <c>X-GitHub-Event</c> name.</param>
/// <param name="Body">The exact bytes sent, as UTF-8 text.</param>
/// <param name="Signature256">The <c>X-Hub-Signature-256</c> header sent.</param>
/// <param name="StatusCode">The receiver's status code, or 0 when it could not be reached.</param>
/// <param name="Error">Why the delivery failed, when it did.</param>
public sealed record WebhookDelivery(Guid Id, string Event, string Body, string Signature256, int StatusCode, string? Error);
