using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>
/// Looks once at the Ingress's load-balancer address (null while the ingress controller has given
/// none); read-only, so safe to run any number of times. The orchestrator waits between looks.
/// </summary>
[DurableTask(Name)]
public sealed class GetIngressAddressActivity(IClusterClient cluster) : TaskActivity<IngressAddressQuery, IngressAddress?>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "GetIngressAddress";

    /// <inheritdoc/>
    public override Task<IngressAddress?> RunAsync(TaskActivityContext context, IngressAddressQuery query) =>
        cluster.GetIngressAddressAsync(query.Namespace, query.IngressName, CancellationToken.None);
}
