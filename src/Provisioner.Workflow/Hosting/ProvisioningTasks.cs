using Microsoft.DurableTask;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Hosting;

/// <summary>Registers the pipeline's orchestrators and activities with a durable worker (any host).</summary>
public static class ProvisioningTasks
{
    /// <summary>Adds every orchestrator and activity under the names the pipeline calls.</summary>
    public static DurableTaskRegistry AddProvisioningTasks(this DurableTaskRegistry registry) => registry
        .AddOrchestrator<ProvisionOrchestrator>()
        .AddOrchestrator<DomainLockOrchestrator>()
        .AddOrchestrator<PullRequestClosedDelivery>()
        .AddActivity<OpenPullRequestActivity>()
        .AddActivity<GetPullRequestStatusActivity>()
        .AddActivity<ClosePullRequestActivity>()
        .AddActivity<EnsureBuildJobActivity>()
        .AddActivity<TriggerBuildActivity>()
        .AddActivity<GetBuildProgressActivity>()
        .AddActivity<GetRolloutStatusActivity>()
        .AddActivity<ApplyIngressActivity>();
}
