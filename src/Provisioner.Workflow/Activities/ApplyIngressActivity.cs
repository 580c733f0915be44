using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>Renders the Ingress from its template and applies it (create or update).</summary>
[DurableTask(Name)]
public sealed class ApplyIngressActivity(ITemplateRenderer renderer, IClusterClient cluster)
    : TaskActivity<ProvisionInput, AppliedIngress>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "ApplyIngress";

    /// <inheritdoc/>
    public override Task<AppliedIngress> RunAsync(TaskActivityContext context, ProvisionInput input) =>
        cluster.ApplyIngressAsync(input.Site.Namespace, renderer.RenderIngress(SiteRender.RequestFor(input)), CancellationToken.None);
}
