using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Api.Contracts;

/// <summary>The site's Ingress as <c>GET /api/provisions/{id}</c> returns it.</summary>
/// <param name="Name">The Ingress's name.</param>
/// <param name="Address">Where the ingress controller serves it (with the port when it reported one); absent until it gives one.</param>
/// <param name="Probe">The last probe of the live site through that address; absent until probed, or with the probe off.</param>
public sealed record IngressResponse(string Name, string? Address, ProbeResponse? Probe)
{
    /// <summary>The response for a provision's Ingress.</summary>
    public static IngressResponse From(IngressProgress ingress) =>
        new(ingress.Name, ingress.Address, ingress.Probe is { } probe ? ProbeResponse.From(probe) : null);
}

/// <summary>One probe of the live site through the ingress address.</summary>
/// <param name="Reachable">True when the site answered with a status below 500.</param>
/// <param name="StatusCode">The HTTP status, when it answered.</param>
/// <param name="DnsResolves">True when the domain's DNS already resolves to the ingress address.</param>
/// <param name="Detail">What happened: the status line, or why nothing answered.</param>
public sealed record ProbeResponse(bool Reachable, int? StatusCode, bool DnsResolves, string Detail)
{
    /// <summary>The response for a probe.</summary>
    public static ProbeResponse From(LiveProbeResult probe) => new(probe.Reachable, probe.StatusCode, probe.DnsResolvesToAddress, probe.Detail);
}
