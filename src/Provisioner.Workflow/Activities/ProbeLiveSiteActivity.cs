using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Workflow.Activities;

/// <summary>
/// Asks the site once for its page through the ingress address, with the domain as Host; a GET,
/// so safe to run any number of times. The orchestrator waits between probes.
/// </summary>
[DurableTask(Name)]
public sealed class ProbeLiveSiteActivity(ILiveSiteProbe probe) : TaskActivity<LiveProbeRequest, LiveProbeResult>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "ProbeLiveSite";

    /// <inheritdoc/>
    public override Task<LiveProbeResult> RunAsync(TaskActivityContext context, LiveProbeRequest request) =>
        probe.ProbeAsync(request, CancellationToken.None);
}
