using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Activities;

/// <summary>Looks once at the Deployment rollout; the orchestrator waits between looks.</summary>
[DurableTask(Name)]
public sealed class GetRolloutStatusActivity(IClusterClient cluster) : TaskActivity<SiteIdentity, RolloutStatus>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "GetRolloutStatus";

    /// <inheritdoc/>
    public override Task<RolloutStatus> RunAsync(TaskActivityContext context, SiteIdentity site) =>
        cluster.GetRolloutStatusAsync(site, CancellationToken.None);
}
