using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// The instance ids of domain locks. A lock's id is derived from the domain's key, which every
/// provision id of the domain carries, so a provision id names its lock without any lookup.
/// </summary>
public static class DomainLock
{
    private const string Prefix = "domain-lock:";

    /// <summary>The lock's instance id for a normalized domain.</summary>
    public static string InstanceIdFor(string normalizedDomain) => Prefix + ProvisionId.DomainKey(normalizedDomain);

    /// <summary>The instance id of the lock that holds (or held) a provision.</summary>
    public static string InstanceIdOf(string provisionId) => Prefix + ProvisionId.DomainKeyOf(provisionId);
}
