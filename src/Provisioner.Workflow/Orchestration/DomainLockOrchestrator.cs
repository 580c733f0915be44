using Microsoft.DurableTask;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// Holds a domain's lock for as long as its provision runs. Its instance id is derived from the
/// domain (<see cref="DomainLock.InstanceId"/>) and it is scheduled with dedupe on the running
/// states, so the durable engine itself refuses a second provision of a running domain. The
/// provision runs as a sub-orchestration with its own id, so it stays readable after the lock is
/// reused by the next provision of the domain.
/// </summary>
[DurableTask(OrchestratorNames.DomainLock)]
public sealed class DomainLockOrchestrator : TaskOrchestrator<ProvisionInput, ProvisionProgress>
{
    /// <inheritdoc/>
    public override Task<ProvisionProgress> RunAsync(TaskOrchestrationContext context, ProvisionInput input) =>
        context.CallSubOrchestratorAsync<ProvisionProgress>(
            OrchestratorNames.Provision, input, new SubOrchestrationOptions { InstanceId = input.ProvisionId });
}

/// <summary>The instance ids of domain locks.</summary>
public static class DomainLock
{
    private const string Prefix = "domain:";

    /// <summary>The lock's instance id for a normalized domain.</summary>
    public static string InstanceId(string normalizedDomain) => Prefix + normalizedDomain;
}
