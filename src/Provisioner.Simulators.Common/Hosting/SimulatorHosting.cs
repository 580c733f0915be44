using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Simulators.Common.Diagnostics;

namespace Provisioner.Simulators.Common.Hosting;

/// <summary>The hosting every simulator shares: loopback only, a request log and fault injection in front of its API.</summary>
public static class SimulatorHosting
{
    /// <summary>
    /// A slim web app listening on 127.0.0.1 at <paramref name="port"/> (0: any free port), without
    /// console logging; over https with <paramref name="certificate"/> when one is given.
    /// </summary>
    public static WebApplicationBuilder CreateLoopbackBuilder(int port, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.ListenOnLoopback(port, certificate);
        return builder;
    }

    /// <summary>Listens on 127.0.0.1 only, at <paramref name="port"/> (0: any free port); https with <paramref name="certificate"/> when given.</summary>
    public static void ListenOnLoopback(this WebApplicationBuilder builder, int port, X509Certificate2? certificate = null) =>
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));

    /// <summary>Puts the request log and fault injection in front of everything else.</summary>
    public static void UseSimulatorDiagnostics(this WebApplication app, RequestLog log, FaultInjector faults, DiagnosticsOptions options) =>
        app.UseMiddleware<DiagnosticsMiddleware>(log, faults, options);

    /// <summary>The started app's base URL with a trailing slash, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public static Uri BaseUrl(this WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has not started, or has no address.");
        return new Uri(address.TrimEnd('/') + "/");
    }
}
