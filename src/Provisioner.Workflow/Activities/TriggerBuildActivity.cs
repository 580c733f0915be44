using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>Queues the site's build, once per provision.</summary>
[DurableTask(Name)]
public sealed class TriggerBuildActivity(IBuildServer buildServer) : TaskActivity<TriggerBuildInput, QueuedBuild>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "TriggerBuild";

    /// <inheritdoc/>
    public override Task<QueuedBuild> RunAsync(TaskActivityContext context, TriggerBuildInput input) =>
        buildServer.TriggerBuildAsync(input.ProvisionId, input.Job, input.Parameters, CancellationToken.None);
}
