namespace Provisioner.Workflow.Orchestration;

/// <summary>The payload of <see cref="EventNames.Cancel"/>.</summary>
/// <param name="ProvisionId">
/// The provision to cancel. A domain's lock is reused by the domain's next provision, so the lock
/// acts only on a request for the provision it holds.
/// </param>
public sealed record CancelRequest(string ProvisionId);
