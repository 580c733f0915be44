using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioner.Api;
using Provisioner.Durable;
using Provisioner.GitHub;
using Provisioner.Jenkins;
using Provisioner.Kubernetes;
using Provisioner.Kubernetes.Probe;
using Provisioner.Local.Durable;
using Provisioner.Local.Sandbox;
using Provisioner.Local.Settings;
using Provisioner.Sandbox;
using Provisioner.Simulators.Common.Hosting;
using Provisioner.Templates;
using Provisioner.Ui;
using Provisioner.Workflow;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Local;

/// <summary>
/// The whole app on one machine: the API the Functions app serves (the same route table, no
/// function key), the web UI, the orchestration on the real durable engine in-process (state in
/// memory and lost on exit, or in the Azure Storage task hub <c>AzureWebJobsStorage</c> names),
/// and each integration either the real system its settings name or, when they are not given, the
/// sandbox's stand-in for it (<see cref="SandboxEnvironment"/>), so that with no settings at all a
/// provision goes live on 127.0.0.1.
/// </summary>
public sealed class LocalRunner : IAsyncDisposable
{
    /// <summary>The name of <c>GET /api/sandbox</c>, which only the runner serves (the Functions app has no sandbox).</summary>
    public const string SandboxEndpoint = "GetSandbox";

    /// <summary>The runner's endpoints under <c>/api</c> that the Functions app does not have.</summary>
    public static IReadOnlySet<string> RunnerOnlyEndpoints { get; } = new HashSet<string>(StringComparer.Ordinal) { SandboxEndpoint };

    // SIGTERM and Ctrl+C stop everything within this; what has not stopped by then is abandoned.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;

    private LocalRunner(WebApplication app, SandboxEnvironment? sandbox, IReadOnlyList<string> settingsFiles)
    {
        this.app = app;
        Engine = app.Services.GetRequiredService<DurableEngineInfo>();
        Sandbox = sandbox;
        SettingsFiles = settingsFiles;
        BaseUrl = app.BaseUrl();
    }

    /// <summary>Where the API listens, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The web UI's address.</summary>
    public Uri UiUrl => new(BaseUrl, UiRoutes.Root.TrimStart('/'));

    /// <summary>The sandbox standing in for the integrations whose settings are not given; null when every integration is real.</summary>
    public SandboxEnvironment? Sandbox { get; }

    /// <summary>The <c>local.settings.json</c> files the settings were read from.</summary>
    public IReadOnlyList<string> SettingsFiles { get; }

    /// <summary>Where the durable engine keeps provisions (in memory, or an Azure Storage task hub).</summary>
    public DurableEngineInfo Engine { get; }

    /// <summary>The runner's services.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>The settings the runner runs with (the sandbox's among them).</summary>
    public IConfiguration Configuration => app.Configuration;

    /// <summary>
    /// Reads the settings, starts the sandbox for the integrations they leave out, then the durable
    /// engine and the API. Throws when the port is taken (an AddressInUseException, or an
    /// IOException around one), <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
    /// when a setting is invalid (e.g. no template folder), and an exception naming the file when a
    /// <c>local.settings.json</c> cannot be read, and <see cref="RunnerStartException"/> when the
    /// settings cannot work together, having stopped whatever had started.
    /// </summary>
    public static async Task<LocalRunner> StartAsync(LocalRunnerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = RunnerConfiguration.Build(options);
        var sandboxed = IntegrationChoice.Sandboxed(settings);
        var sandbox = sandboxed == SandboxIntegrations.None
            ? null
            : await SandboxEnvironment.StartAsync(IntegrationChoice.SandboxFor(settings, sandboxed, options.SandboxPacing));
        WebApplication? app = null;
        try
        {
            app = Build(options, logging, settings, sandbox);
            DurableStoreGuard.EnsureSandboxOutlivesTheRunner(app.Services.GetRequiredService<DurableEngineInfo>(), sandboxed, options.Port);
            await app.StartAsync();
        }
        catch
        {
            if (app is not null)
            {
                await StopAsync(app);
            }

            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }

            throw;
        }

        var runner = new LocalRunner(app, sandbox, RunnerConfiguration.SettingsFiles(options));
        sandbox?.DeliverWebhooksTo(new Uri(runner.BaseUrl, $"{ApiRoutes.Prefix}/{ApiRoutes.GitHubWebhook}"));
        return runner;
    }

    /// <summary>One line per log entry on the console from <paramref name="minimum"/> up (the hosting and gRPC plumbing from warnings up).</summary>
    internal static void ConsoleLogging(ILoggingBuilder logging, LogLevel minimum) =>
        logging.AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(minimum)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("Grpc", LogLevel.Warning)
            .AddFilter("DurableTask", LogLevel.Warning)
            .AddFilter("Provisioner.Durable", LogLevel.Warning)
            // A failed start is reported by Program as one line with its fix, not as the host's stack trace.
            .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

    /// <summary>Runs until the host is told to stop (SIGTERM, Ctrl+C), then stops the API and the engine.</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    /// <summary>Stops the API, the engine and the sandbox.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(app);
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }
    }

    private static WebApplication Build(LocalRunnerOptions options, Action<ILoggingBuilder>? logging, IConfiguration settings, SandboxEnvironment? sandbox)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalRunner).Assembly.GetName().Name });
        builder.ListenOnLoopback(options.Port);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Logging.ClearProviders();
        (logging ?? (console => ConsoleLogging(console, LogLevel.Information)))(builder.Logging);

        // The runner's settings only: the sandbox's beneath the ones given, which win.
        builder.Configuration.Sources.Clear();
        if (sandbox is not null)
        {
            builder.Configuration.AddInMemoryCollection(sandbox.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        }

        builder.Configuration.AddConfiguration(settings);
        var configuration = builder.Configuration;
        var onThisMachine = OnThisMachine.Integrations(settings, sandbox);
        if (onThisMachine.HasFlag(SandboxIntegrations.Kubernetes))
        {
            builder.Services.AddSingleton<IHostNameResolver, SandboxHostNameResolver>();
        }

        builder.Services.AddTemplates(configuration);
        builder.Services.AddGitHubSourceControl(configuration);
        builder.Services.AddJenkinsBuildServer(configuration);
        builder.Services.AddKubernetesCluster(configuration);
        builder.Services.AddProvisionerApi(configuration);
        builder.Services.AddSingleton<IManagementLinks, LocalManagementLinks>();
        // Where provisions are kept is decided here alone: AzureWebJobsStorage (and TASKHUB_NAME) as the Functions host reads them.
        builder.Services.AddDurableEngine(configuration, registry => registry.AddProvisioningTasks());
        if (onThisMachine != SandboxIntegrations.None)
        {
            builder.Services.PostConfigure<ProvisioningOptions>(o => o.BaseTimings = SandboxPolling.For(o.BaseTimings, onThisMachine));
        }

        if (sandbox?.GitHubSimulator is { } gitHub)
        {
            // The status page's Approve and Reject call the sandbox's GitHub from the browser.
            builder.Services.Configure<UiOptions>(ui => ui.ConnectSources.Add(gitHub.BaseUrl));
        }

        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapProvisionerApi();
        app.MapDurableStatusApi();
        app.MapUiRootRedirect();
        app.MapSandboxApi(sandbox);
        return app;
    }

    private static async Task StopAsync(WebApplication app)
    {
        using (var timeout = new CancellationTokenSource(ShutdownTimeout))
        {
            await app.StopAsync(timeout.Token);
        }

        await app.DisposeAsync();
    }
}
