using Microsoft.DurableTask;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// Typed calls of the pipeline's durable tasks, one per task, named and typed by the task's own
/// class (what durabletask-dotnet's source generator writes; the generator is not used here).
/// </summary>
internal static class ProvisioningTaskCalls
{
    /// <summary>Calls <see cref="OpenPullRequestActivity"/>.</summary>
    public static Task<PullRequestOpened> CallOpenPullRequestActivityAsync(this TaskOrchestrationContext context, ProvisionInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<PullRequestOpened>(OpenPullRequestActivity.Name, input, options);

    /// <summary>Calls <see cref="GetPullRequestStatusActivity"/>.</summary>
    public static Task<PullRequestStatus> CallGetPullRequestStatusActivityAsync(this TaskOrchestrationContext context, int number, TaskOptions? options = null) =>
        context.CallActivityAsync<PullRequestStatus>(GetPullRequestStatusActivity.Name, number, options);

    /// <summary>Calls <see cref="ClosePullRequestActivity"/>.</summary>
    public static Task<bool> CallClosePullRequestActivityAsync(this TaskOrchestrationContext context, ClosePullRequestInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<bool>(ClosePullRequestActivity.Name, input, options);

    /// <summary>Calls <see cref="EnsureBuildJobActivity"/>.</summary>
    public static Task<BuildJobRef> CallEnsureBuildJobActivityAsync(this TaskOrchestrationContext context, BuildJobSpec spec, TaskOptions? options = null) =>
        context.CallActivityAsync<BuildJobRef>(EnsureBuildJobActivity.Name, spec, options);

    /// <summary>Calls <see cref="TriggerBuildActivity"/>.</summary>
    public static Task<QueuedBuild> CallTriggerBuildActivityAsync(this TaskOrchestrationContext context, TriggerBuildInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<QueuedBuild>(TriggerBuildActivity.Name, input, options);

    /// <summary>Calls <see cref="GetBuildProgressActivity"/>.</summary>
    public static Task<BuildProgress> CallGetBuildProgressActivityAsync(this TaskOrchestrationContext context, QueuedBuild build, TaskOptions? options = null) =>
        context.CallActivityAsync<BuildProgress>(GetBuildProgressActivity.Name, build, options);

    /// <summary>Calls <see cref="GetRolloutStatusActivity"/>.</summary>
    public static Task<RolloutStatus> CallGetRolloutStatusActivityAsync(this TaskOrchestrationContext context, SiteIdentity site, TaskOptions? options = null) =>
        context.CallActivityAsync<RolloutStatus>(GetRolloutStatusActivity.Name, site, options);

    /// <summary>Calls <see cref="DescribeRolloutActivity"/>.</summary>
    public static Task<RolloutEvidence> CallDescribeRolloutActivityAsync(this TaskOrchestrationContext context, SiteIdentity site, TaskOptions? options = null) =>
        context.CallActivityAsync<RolloutEvidence>(DescribeRolloutActivity.Name, site, options);

    /// <summary>Calls <see cref="ApplyIngressActivity"/>.</summary>
    public static Task<AppliedIngress> CallApplyIngressActivityAsync(this TaskOrchestrationContext context, ProvisionInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<AppliedIngress>(ApplyIngressActivity.Name, input, options);

    /// <summary>Calls <see cref="GetIngressAddressActivity"/>.</summary>
    public static Task<IngressAddress?> CallGetIngressAddressActivityAsync(this TaskOrchestrationContext context, IngressAddressQuery query, TaskOptions? options = null) =>
        context.CallActivityAsync<IngressAddress?>(GetIngressAddressActivity.Name, query, options);

    /// <summary>Calls <see cref="ProbeLiveSiteActivity"/>.</summary>
    public static Task<LiveProbeResult> CallProbeLiveSiteActivityAsync(this TaskOrchestrationContext context, LiveProbeRequest request, TaskOptions? options = null) =>
        context.CallActivityAsync<LiveProbeResult>(ProbeLiveSiteActivity.Name, request, options);

    /// <summary>Calls <see cref="ProvisionOrchestrator"/> as a sub-orchestration.</summary>
    public static Task<ProvisionProgress> CallProvisionOrchestratorAsync(this TaskOrchestrationContext context, ProvisionInput input, TaskOptions? options = null) =>
        context.CallSubOrchestratorAsync<ProvisionProgress>(ProvisionOrchestrator.Name, input, options);
}
