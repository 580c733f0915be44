using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioner.Durable.Backends;

namespace Provisioner.Durable.Sidecar;

/// <summary>
/// Runs the durable engine's dispatcher and gRPC API (the public sidecar of
/// Microsoft.DurableTask.InProcessTestHost) over the chosen backend, in an inner web host of its own.
/// Registered before the DurableTask worker, so the outer host starts it first and stops it last:
/// stopped while the worker still held its work-item stream open, every shutdown hung ~30 s.
/// </summary>
internal sealed partial class DurableSidecarHost(
    SidecarEndpoint endpoint,
    DurableEngineBackend backend,
    DurableEngineInfo info,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger logger = loggerFactory.CreateLogger<DurableSidecarHost>();
    private WebApplication? server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogEngine(logger, info.Description);
        endpoint.CreateDirectory();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.ListenUnixSocket(endpoint.SocketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, NoSignalLifetime>();
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(backend.Service);
        builder.Services.AddSingleton(backend.Client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync(cancellationToken);
        }

        endpoint.DeleteDirectory();
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Description}")]
    private static partial void LogEngine(ILogger logger, string description);
}
