using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>Creates or updates the site's Jenkins job (look before you create).</summary>
[DurableTask(ActivityNames.EnsureBuildJob)]
public sealed class EnsureBuildJobActivity(IBuildServer buildServer) : TaskActivity<BuildJobSpec, BuildJobRef>
{
    /// <inheritdoc/>
    public override Task<BuildJobRef> RunAsync(TaskActivityContext context, BuildJobSpec spec) =>
        buildServer.EnsureJobAsync(spec, CancellationToken.None);
}

/// <summary>Queues the site's build.</summary>
[DurableTask(ActivityNames.TriggerBuild)]
public sealed class TriggerBuildActivity(IBuildServer buildServer) : TaskActivity<TriggerBuildInput, QueuedBuild>
{
    /// <inheritdoc/>
    public override Task<QueuedBuild> RunAsync(TaskActivityContext context, TriggerBuildInput input) =>
        buildServer.TriggerBuildAsync(input.ProvisionId, input.Job, input.Parameters, CancellationToken.None);
}

/// <summary>Looks once at the queued or running build; the orchestrator waits between looks.</summary>
[DurableTask(ActivityNames.GetBuildProgress)]
public sealed class GetBuildProgressActivity(IBuildServer buildServer) : TaskActivity<QueuedBuild, BuildProgress>
{
    /// <inheritdoc/>
    public override Task<BuildProgress> RunAsync(TaskActivityContext context, QueuedBuild build) =>
        buildServer.GetBuildProgressAsync(build, CancellationToken.None);
}
