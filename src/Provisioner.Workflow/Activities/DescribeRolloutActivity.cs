using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Activities;

/// <summary>Reads why a rollout is unhealthy (unready pods, Warning events); read-only, so safe to run any number of times.</summary>
[DurableTask(Name)]
public sealed class DescribeRolloutActivity(IClusterClient cluster) : TaskActivity<SiteIdentity, RolloutEvidence>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "DescribeRollout";

    /// <inheritdoc/>
    public override Task<RolloutEvidence> RunAsync(TaskActivityContext context, SiteIdentity site) =>
        cluster.DescribeRolloutAsync(site, CancellationToken.None);
}
