using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Functions.Durable;

/// <summary>Binds the workflow's orchestrators to Functions orchestration triggers, under the same names.</summary>
public static class OrchestratorFunctions
{
    /// <summary>The provisioning pipeline.</summary>
    [Function(OrchestratorNames.Provision)]
    public static Task<ProvisionProgress> Provision([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ProvisionOrchestrator().RunAsync(context, Input<ProvisionInput>(context));

    /// <summary>A domain's lock.</summary>
    [Function(OrchestratorNames.DomainLock)]
    public static Task<ProvisionProgress> DomainLock([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DomainLockOrchestrator().RunAsync(context, Input<ProvisionInput>(context));

    /// <summary>One webhook delivery's event.</summary>
    [Function(OrchestratorNames.PullRequestClosedDelivery)]
    public static Task<bool> PullRequestClosedDelivery([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PullRequestClosedDelivery().RunAsync(context, Input<PullRequestClosedDelivery.Input>(context));

    private static T Input<T>(TaskOrchestrationContext context) =>
        context.GetInput<T>() ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no {typeof(T).Name} input.");
}
