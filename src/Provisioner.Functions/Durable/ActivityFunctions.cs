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

/// <summary>Binds the workflow's activities to Functions activity triggers, under the same names.</summary>
public static class ActivityFunctions
{
    /// <summary>Renders the template and opens the pull request.</summary>
    [Function(ActivityNames.OpenPullRequest)]
    public static Task<PullRequestOpened> OpenPullRequest([ActivityTrigger] ProvisionInput input, string instanceId, FunctionContext context) =>
        Run<OpenPullRequestActivity, ProvisionInput, PullRequestOpened>(context, ActivityNames.OpenPullRequest, instanceId, input);

    /// <summary>Looks once at the pull request on GitHub.</summary>
    [Function(ActivityNames.GetPullRequestStatus)]
    public static Task<PullRequestStatus> GetPullRequestStatus([ActivityTrigger] int number, string instanceId, FunctionContext context) =>
        Run<GetPullRequestStatusActivity, int, PullRequestStatus>(context, ActivityNames.GetPullRequestStatus, instanceId, number);

    /// <summary>Closes the pull request with a comment.</summary>
    [Function(ActivityNames.ClosePullRequest)]
    public static Task<bool> ClosePullRequest([ActivityTrigger] ClosePullRequestInput input, string instanceId, FunctionContext context) =>
        Run<ClosePullRequestActivity, ClosePullRequestInput, bool>(context, ActivityNames.ClosePullRequest, instanceId, input);

    /// <summary>Creates or updates the Jenkins job.</summary>
    [Function(ActivityNames.EnsureBuildJob)]
    public static Task<BuildJobRef> EnsureBuildJob([ActivityTrigger] BuildJobSpec spec, string instanceId, FunctionContext context) =>
        Run<EnsureBuildJobActivity, BuildJobSpec, BuildJobRef>(context, ActivityNames.EnsureBuildJob, instanceId, spec);

    /// <summary>Queues the build.</summary>
    [Function(ActivityNames.TriggerBuild)]
    public static Task<QueuedBuild> TriggerBuild([ActivityTrigger] TriggerBuildInput input, string instanceId, FunctionContext context) =>
        Run<TriggerBuildActivity, TriggerBuildInput, QueuedBuild>(context, ActivityNames.TriggerBuild, instanceId, input);

    /// <summary>Looks once at the build.</summary>
    [Function(ActivityNames.GetBuildProgress)]
    public static Task<BuildProgress> GetBuildProgress([ActivityTrigger] QueuedBuild build, string instanceId, FunctionContext context) =>
        Run<GetBuildProgressActivity, QueuedBuild, BuildProgress>(context, ActivityNames.GetBuildProgress, instanceId, build);

    /// <summary>Looks once at the rollout.</summary>
    [Function(ActivityNames.GetRolloutStatus)]
    public static Task<RolloutStatus> GetRolloutStatus([ActivityTrigger] SiteIdentity site, string instanceId, FunctionContext context) =>
        Run<GetRolloutStatusActivity, SiteIdentity, RolloutStatus>(context, ActivityNames.GetRolloutStatus, instanceId, site);

    /// <summary>Applies the Ingress.</summary>
    [Function(ActivityNames.ApplyIngress)]
    public static Task<AppliedIngress> ApplyIngress([ActivityTrigger] ProvisionInput input, string instanceId, FunctionContext context) =>
        Run<ApplyIngressActivity, ProvisionInput, AppliedIngress>(context, ActivityNames.ApplyIngress, instanceId, input);

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
