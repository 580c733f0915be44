using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Workflow.Activities;

/// <summary>Looks once at the queued or running build; the orchestrator waits between looks.</summary>
[DurableTask(Name)]
public sealed class GetBuildProgressActivity(IBuildServer buildServer) : TaskActivity<QueuedBuild, BuildProgress>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "GetBuildProgress";

    /// <inheritdoc/>
    public override Task<BuildProgress> RunAsync(TaskActivityContext context, QueuedBuild build) =>
        buildServer.GetBuildProgressAsync(build, CancellationToken.None);
}
