namespace Provisioner.Api.Contracts;

/// <summary>What the webhook did with a delivery.</summary>
/// <param name="Result">pong, merged, closed, duplicate or ignored.</param>
/// <param name="Reason">Why.</param>
public sealed record WebhookResult(string Result, string Reason);
