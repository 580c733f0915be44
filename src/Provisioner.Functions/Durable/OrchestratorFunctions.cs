using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Functions.Durable;

/// <summary>
/// Binds the workflow's orchestrators to Functions orchestration triggers, each under its class's
/// name. The host reads these attributed methods; a test holds them equal to <c>ProvisioningTasks.Orchestrators</c>.
/// </summary>
public static class OrchestratorFunctions
{
    /// <summary>The provisioning pipeline.</summary>
    [Function(ProvisionOrchestrator.Name)]
    public static Task<ProvisionProgress> RunProvision([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ProvisionOrchestrator().RunAsync(context, Input<ProvisionInput>(context));

    /// <summary>A domain's lock.</summary>
    [Function(DomainLockOrchestrator.Name)]
    public static Task<ProvisionProgress?> RunDomainLock([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DomainLockOrchestrator().RunAsync(context, Input<ProvisionInput>(context));

    /// <summary>One webhook delivery's event.</summary>
    [Function(PullRequestClosedDelivery.Name)]
    public static Task<bool> RunPullRequestClosedDelivery([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PullRequestClosedDelivery().RunAsync(context, Input<PullRequestClosedDelivery.Input>(context));

    private static T Input<T>(TaskOrchestrationContext context) =>
        context.GetInput<T>() ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} has no {typeof(T).Name} input.");
}
