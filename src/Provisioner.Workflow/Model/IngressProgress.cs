using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Workflow.Model;

/// <summary>The site's Ingress as the ingress step found it.</summary>
public sealed class IngressProgress
{
    /// <summary>The Ingress's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Where the ingress controller serves it (address, and port when reported); null until it gives one.</summary>
    public string? Address { get; set; }

    /// <summary>The last probe of the live site through that address; null until probed (or with the probe off).</summary>
    public LiveProbeResult? Probe { get; set; }
}
