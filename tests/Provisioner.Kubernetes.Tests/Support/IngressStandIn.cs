using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Provisioner.Simulators.Common.Hosting;

namespace Provisioner.Kubernetes.Tests.Support;

/// <summary>A loopback stand-in for an ingress controller: routes by Host header (404 for unknown hosts, as ingress-nginx's default backend), optionally over TLS with a certificate per SNI name.</summary>
internal sealed class IngressStandIn : IAsyncDisposable
{
    private readonly WebApplication app;

    private IngressStandIn(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The SNI names TLS clients sent.</summary>
    public ConcurrentQueue<string?> ServerNames { get; } = new();

    /// <summary>The Host headers requests carried.</summary>
    public ConcurrentQueue<string> Hosts { get; } = new();

    public static async Task<IngressStandIn> StartAsync(IReadOnlyDictionary<string, int> routes, Func<string?, X509Certificate2>? certificateFor = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        IngressStandIn? self = null;
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificateFor is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, name) =>
                    {
                        self?.ServerNames.Enqueue(name);
                        return certificateFor(name);
                    },
                });
            }
        }));
        var app = builder.Build();
        app.Run(async context =>
        {
            var host = context.Request.Host.Host;
            self?.Hosts.Enqueue(context.Request.Host.Value ?? string.Empty);
            context.Response.StatusCode = routes.TryGetValue(host, out var status) ? status : StatusCodes.Status404NotFound;
            await context.Response.WriteAsync(routes.ContainsKey(host) ? $"site {host}" : "default backend - 404");
        });
        await app.StartAsync();
        self = new IngressStandIn(app, app.BaseUrl().Port);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>A resolver that answers from a table and never asks DNS.</summary>
internal sealed class TableResolver(IReadOnlyDictionary<string, IPAddress[]> table) : Probe.IHostNameResolver
{
    public ConcurrentQueue<string> Asked { get; } = new();

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        Asked.Enqueue(hostName);
        return Task.FromResult<IReadOnlyList<IPAddress>>(table.TryGetValue(hostName, out var addresses) ? addresses : []);
    }
}
