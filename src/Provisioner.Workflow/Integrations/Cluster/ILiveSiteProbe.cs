namespace Provisioner.Workflow.Integrations.Cluster;

/// <summary>Checks that a site answers through its ingress, before DNS necessarily points at it.</summary>
public interface ILiveSiteProbe
{
    /// <summary>
    /// One GET of the site through the ingress address, with the domain as Host header (and as SNI
    /// for https); also reports whether the domain's DNS already resolves to that address.
    /// </summary>
    Task<LiveProbeResult> ProbeAsync(LiveProbeRequest request, CancellationToken cancellationToken);
}

/// <summary>What to probe.</summary>
/// <param name="Domain">The site's domain (Host header, SNI).</param>
/// <param name="Ingress">The ingress controller's address for the site.</param>
/// <param name="Tls">True for https.</param>
/// <param name="Path">The path to GET.</param>
public sealed record LiveProbeRequest(string Domain, IngressAddress Ingress, bool Tls, string Path = "/");

/// <summary>One probe.</summary>
/// <param name="Reachable">True when the site answered with a status below 500.</param>
/// <param name="StatusCode">The HTTP status, when it answered.</param>
/// <param name="DnsResolvesToAddress">True when the domain's DNS already resolves to the ingress address.</param>
/// <param name="Detail">What happened, for people: the status line, or why nothing answered.</param>
public sealed record LiveProbeResult(bool Reachable, int? StatusCode, bool DnsResolvesToAddress, string Detail);
