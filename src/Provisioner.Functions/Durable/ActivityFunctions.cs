using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Functions.Durable;

/// <summary>
/// Binds the workflow's activities to Functions activity triggers, each under its class's name. The
/// host reads these attributed methods; a test holds them equal to <c>ProvisioningTasks.Activities</c>.
/// </summary>
public static class ActivityFunctions
{
    /// <summary>Renders the template and opens the pull request.</summary>
    [Function(OpenPullRequestActivity.Name)]
    public static Task<PullRequestOpened> OpenPullRequest([ActivityTrigger] ProvisionInput input, string instanceId, FunctionContext context) =>
        Run<OpenPullRequestActivity, ProvisionInput, PullRequestOpened>(context, OpenPullRequestActivity.Name, instanceId, input);

    /// <summary>Looks once at the pull request on GitHub.</summary>
    [Function(GetPullRequestStatusActivity.Name)]
    public static Task<PullRequestStatus> GetPullRequestStatus([ActivityTrigger] int number, string instanceId, FunctionContext context) =>
        Run<GetPullRequestStatusActivity, int, PullRequestStatus>(context, GetPullRequestStatusActivity.Name, instanceId, number);

    /// <summary>Closes the pull request with a comment.</summary>
    [Function(ClosePullRequestActivity.Name)]
    public static Task<bool> ClosePullRequest([ActivityTrigger] ClosePullRequestInput input, string instanceId, FunctionContext context) =>
        Run<ClosePullRequestActivity, ClosePullRequestInput, bool>(context, ClosePullRequestActivity.Name, instanceId, input);

    /// <summary>Creates or updates the Jenkins job.</summary>
    [Function(EnsureBuildJobActivity.Name)]
    public static Task<BuildJobRef> EnsureBuildJob([ActivityTrigger] BuildJobSpec spec, string instanceId, FunctionContext context) =>
        Run<EnsureBuildJobActivity, BuildJobSpec, BuildJobRef>(context, EnsureBuildJobActivity.Name, instanceId, spec);

    /// <summary>Queues the build.</summary>
    [Function(TriggerBuildActivity.Name)]
    public static Task<QueuedBuild> TriggerBuild([ActivityTrigger] TriggerBuildInput input, string instanceId, FunctionContext context) =>
        Run<TriggerBuildActivity, TriggerBuildInput, QueuedBuild>(context, TriggerBuildActivity.Name, instanceId, input);

    /// <summary>Looks once at the build.</summary>
    [Function(GetBuildProgressActivity.Name)]
    public static Task<BuildProgress> GetBuildProgress([ActivityTrigger] QueuedBuild build, string instanceId, FunctionContext context) =>
        Run<GetBuildProgressActivity, QueuedBuild, BuildProgress>(context, GetBuildProgressActivity.Name, instanceId, build);

    /// <summary>Looks once at the rollout.</summary>
    [Function(GetRolloutStatusActivity.Name)]
    public static Task<RolloutStatus> GetRolloutStatus([ActivityTrigger] SiteIdentity site, string instanceId, FunctionContext context) =>
        Run<GetRolloutStatusActivity, SiteIdentity, RolloutStatus>(context, GetRolloutStatusActivity.Name, instanceId, site);

    /// <summary>Reads an unhealthy rollout's pods and events.</summary>
    [Function(DescribeRolloutActivity.Name)]
    public static Task<RolloutEvidence> DescribeRollout([ActivityTrigger] SiteIdentity site, string instanceId, FunctionContext context) =>
        Run<DescribeRolloutActivity, SiteIdentity, RolloutEvidence>(context, DescribeRolloutActivity.Name, instanceId, site);

    /// <summary>Applies the Ingress.</summary>
    [Function(ApplyIngressActivity.Name)]
    public static Task<AppliedIngress> ApplyIngress([ActivityTrigger] ProvisionInput input, string instanceId, FunctionContext context) =>
        Run<ApplyIngressActivity, ProvisionInput, AppliedIngress>(context, ApplyIngressActivity.Name, instanceId, input);

    /// <summary>Looks once at the Ingress's address.</summary>
    [Function(GetIngressAddressActivity.Name)]
    public static Task<IngressAddress?> GetIngressAddress([ActivityTrigger] IngressAddressQuery query, string instanceId, FunctionContext context) =>
        Run<GetIngressAddressActivity, IngressAddressQuery, IngressAddress?>(context, GetIngressAddressActivity.Name, instanceId, query);

    /// <summary>Probes the live site once through its ingress.</summary>
    [Function(ProbeLiveSiteActivity.Name)]
    public static Task<LiveProbeResult> ProbeLiveSite([ActivityTrigger] LiveProbeRequest request, string instanceId, FunctionContext context) =>
        Run<ProbeLiveSiteActivity, LiveProbeRequest, LiveProbeResult>(context, ProbeLiveSiteActivity.Name, instanceId, request);

    private static Task<TOutput> Run<TActivity, TInput, TOutput>(FunctionContext context, string name, string instanceId, TInput input)
        where TActivity : TaskActivity<TInput, TOutput> =>
        ActivatorUtilities.GetServiceOrCreateInstance<TActivity>(context.InstanceServices)
            .RunAsync(new FunctionActivityContext(name, instanceId), input);

    private sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
