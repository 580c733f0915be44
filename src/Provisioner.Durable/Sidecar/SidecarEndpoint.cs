using System.Net.Sockets;
using Grpc.Net.Client;

namespace Provisioner.Durable.Sidecar;

/// <summary>
/// Where the engine's gRPC sidecar listens and the channel the worker and client reach it by: a Unix
/// domain socket in a folder only this user can open. No TCP port, so no port to collide with and no
/// unauthenticated engine API for other users or programs on the machine.
/// </summary>
internal sealed class SidecarEndpoint : IDisposable
{
    public SidecarEndpoint()
    {
        Directory = Path.Combine(Path.GetTempPath(), "provisioner-durable-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray(), 0, 8));
        SocketPath = Path.Combine(Directory, "engine.sock");
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = ConnectAsync },
        });
    }

    /// <summary>The folder holding the socket.</summary>
    public string Directory { get; }

    /// <summary>The socket the sidecar listens on.</summary>
    public string SocketPath { get; }

    /// <summary>The channel to the sidecar; it connects on first use.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Makes the socket's folder, readable by this user only.</summary>
    public void CreateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Removes the socket's folder.</summary>
    public void DeleteDirectory()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public void Dispose() => Channel.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
