using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>Looks once at the Deployment rollout; the orchestrator waits between looks.</summary>
[DurableTask(ActivityNames.GetRolloutStatus)]
public sealed class GetRolloutStatusActivity(IClusterClient cluster) : TaskActivity<SiteIdentity, RolloutStatus>
{
    /// <inheritdoc/>
    public override Task<RolloutStatus> RunAsync(TaskActivityContext context, SiteIdentity site) =>
        cluster.GetRolloutStatusAsync(site, CancellationToken.None);
}

/// <summary>Renders the Ingress from its template and applies it (create or update).</summary>
[DurableTask(ActivityNames.ApplyIngress)]
public sealed class ApplyIngressActivity(ITemplateRenderer renderer, IClusterClient cluster)
    : TaskActivity<ProvisionInput, AppliedIngress>
{
    /// <inheritdoc/>
    public override Task<AppliedIngress> RunAsync(TaskActivityContext context, ProvisionInput input) =>
        cluster.ApplyIngressAsync(input.Site.Namespace, renderer.RenderIngress(SiteRender.RequestFor(input)), CancellationToken.None);
}
