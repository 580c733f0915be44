using System.Net;
using Provisioner.Kubernetes.Probe;

namespace Provisioner.Local.Sandbox;

/// <summary>
/// Name resolution for the live-site probe when the cluster is the sandbox's (or another on this machine, <see cref="OnThisMachine"/>): a site lives behind the
/// sandbox's ingress controller on loopback and nowhere in public DNS, so only <c>localhost</c> and
/// <c>*.localhost</c> names (which browsers and this resolver map to 127.0.0.1) and IP literals
/// resolve, and no lookup leaves the machine.
/// </summary>
internal sealed class SandboxHostNameResolver : IHostNameResolver
{
    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        var name = hostName.TrimEnd('.');
        IReadOnlyList<IPAddress> addresses =
            IPAddress.TryParse(name, out var literal) ? [literal]
            : name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback]
            : [];
        return Task.FromResult(addresses);
    }
}
