using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Workflow.Activities;

/// <summary>Creates or updates the site's Jenkins job (look before you create).</summary>
[DurableTask(Name)]
public sealed class EnsureBuildJobActivity(IBuildServer buildServer) : TaskActivity<BuildJobSpec, BuildJobRef>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "EnsureBuildJob";

    /// <inheritdoc/>
    public override Task<BuildJobRef> RunAsync(TaskActivityContext context, BuildJobSpec spec) =>
        buildServer.EnsureJobAsync(spec, CancellationToken.None);
}
