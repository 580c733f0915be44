using System.Net;
using System.Net.Sockets;

namespace Provisioner.GitHub.Tests.Support;

internal static class Free
{
    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int Port()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
