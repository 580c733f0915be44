using System.Net;
using System.Net.Sockets;

namespace Provisioner.Kubernetes.Probe;

/// <summary>Resolves host names for the live-site probe (replaceable, so tests never query a real DNS server).</summary>
public interface IHostNameResolver
{
    /// <summary>The addresses of <paramref name="hostName"/>; empty when it does not resolve.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName, CancellationToken cancellationToken);
}

/// <summary>The system resolver.</summary>
internal sealed class DnsHostNameResolver : IHostNameResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(hostName, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
