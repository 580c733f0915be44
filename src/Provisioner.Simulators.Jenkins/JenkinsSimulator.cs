using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Common.Hosting;
using Provisioner.Simulators.Jenkins.Api;
using Provisioner.Simulators.Jenkins.Diagnostics;
using Provisioner.Simulators.Jenkins.Security;
using Provisioner.Simulators.Jenkins.State;

namespace Provisioner.Simulators.Jenkins;

/// <summary>
/// A Jenkins stand-in on 127.0.0.1 speaking Jenkins' remote API (items and folders, config.xml,
/// crumbs bound to user and session, buildWithParameters, the queue, builds, console text), with
/// scripted or pluggable builds, a request log and fault injection. Start one per test.
/// </summary>
public sealed class JenkinsSimulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly JenkinsServer server;

    private JenkinsSimulator(WebApplication app, JenkinsServer server, RequestLog log, FaultInjector faults, Uri baseUrl)
    {
        this.app = app;
        this.server = server;
        Log = log;
        Faults = faults;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's root (Jenkins' root URL), e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Items, the queue and builds.</summary>
    public JenkinsState State => server.State;

    /// <summary>Users, crumbs, pacing, the build executor and scripts (most changes apply to the next request).</summary>
    public JenkinsSimulatorOptions Options => server.Options;

    /// <summary>Web sessions; expire them to invalidate every crumb issued so far.</summary>
    public JenkinsSessions Sessions => server.Sessions;

    /// <summary>Every request answered.</summary>
    public RequestLog Log { get; }

    /// <summary>Faults to inject (paths as Jenkins sees them, e.g. <c>/job/f/job/j/buildWithParameters</c>).</summary>
    public FaultInjector Faults { get; }

    /// <summary>Starts a simulator on 127.0.0.1 with a free port (or <paramref name="port"/>).</summary>
    public static async Task<JenkinsSimulator> StartAsync(JenkinsSimulatorOptions? options = null, int port = 0, CancellationToken cancellationToken = default)
    {
        options ??= new JenkinsSimulatorOptions();
        var state = new JenkinsState(options);
        var scheduler = new BuildScheduler(state, options);
        var server = new JenkinsServer(state, options, scheduler);
        var log = new RequestLog();
        var faults = new FaultInjector();

        var app = SimulatorHosting.CreateLoopbackBuilder(port).Build();
        app.UseMiddleware<JenkinsHeadersMiddleware>(server);
        app.UseSimulatorDiagnostics(log, faults, JenkinsFaults.Options);
        app.UseMiddleware<JenkinsSecurityMiddleware>(server);
        app.MapJenkinsApi(server);
        await app.StartAsync(cancellationToken);

        var baseUrl = app.BaseUrl();
        server.RootUrl = baseUrl.ToString();
        scheduler.Start();
        return new JenkinsSimulator(app, server, log, faults, baseUrl);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server; running builds end ABORTED.</summary>
    public async ValueTask DisposeAsync()
    {
        await server.Scheduler.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
