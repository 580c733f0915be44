using Microsoft.DurableTask;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Workflow.Activities;

/// <summary>
/// Looks once at the queued or running build; the orchestrator waits between looks. The console
/// tail of a failed build leaves with the app's own secrets masked.
/// </summary>
[DurableTask(Name)]
public sealed class GetBuildProgressActivity(IBuildServer buildServer, ISecretProvider secrets) : TaskActivity<QueuedBuild, BuildProgress>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "GetBuildProgress";

    /// <inheritdoc/>
    public override async Task<BuildProgress> RunAsync(TaskActivityContext context, QueuedBuild build)
    {
        var progress = await buildServer.GetBuildProgressAsync(build, CancellationToken.None);
        return progress.ConsoleTail is { Count: > 0 } tail
            ? progress with { ConsoleTail = await SecretRedaction.RedactAsync(secrets, tail, CancellationToken.None) }
            : progress;
    }
}
