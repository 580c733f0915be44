using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioner.Api;
using Provisioner.Durable;
using Provisioner.GitHub;
using Provisioner.Local.Durable;
using Provisioner.Simulators.Common.Hosting;
using Provisioner.Simulators.GitHub;
using Provisioner.Templates;
using Provisioner.Ui;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Local;

/// <summary>
/// The whole app on one machine: the API the Functions app serves (the same route table, no
/// function key), the orchestration on the real durable engine in-process (state in memory, lost
/// on exit, or in the Azure Storage task hub <c>AzureWebJobsStorage</c> names), and a GitHub
/// simulator (real Octokit traffic, signed webhooks) in place of GitHub unless GitHub is configured.
/// Jenkins and Kubernetes stay unconfigured until their integrations exist, so a provision fails
/// honestly at the build step with "Jenkins is not configured".
/// </summary>
public sealed class LocalRunner : IAsyncDisposable
{
    /// <summary>The sites repository's owner in the simulator.</summary>
    public const string Owner = "contoso";

    /// <summary>The sites repository in the simulator.</summary>
    public const string Repository = "sites";

    /// <summary>The DevOps team asked to review.</summary>
    public const string DevOpsTeam = "devops";

    /// <summary>The name of <c>GET /api/sandbox</c>, which only the runner serves (the Functions app has no sandbox).</summary>
    public const string SandboxEndpoint = "GetSandbox";

    /// <summary>The runner's endpoints under <c>/api</c> that the Functions app does not have.</summary>
    public static IReadOnlySet<string> RunnerOnlyEndpoints { get; } = new HashSet<string>(StringComparer.Ordinal) { SandboxEndpoint };

    // SIGTERM and Ctrl+C stop everything within this; what has not stopped by then is abandoned.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;
    private readonly SimulatedGitHub? gitHub;

    private LocalRunner(WebApplication app, SimulatedGitHub? gitHub, DurableEngineInfo engine)
    {
        this.app = app;
        this.gitHub = gitHub;
        Engine = engine;
        BaseUrl = app.BaseUrl();
    }

    /// <summary>Where the API listens, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The GitHub simulator the runner's GitHub integration talks to; null when the settings name a GitHub of their own.</summary>
    public GitHubSimulator? GitHub => gitHub?.Simulator;

    /// <summary>Where the durable engine keeps provisions (in memory, or an Azure Storage task hub), for people to be told at start.</summary>
    public DurableEngineInfo Engine { get; }

    /// <summary>The runner's services.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>
    /// Starts the simulator (unless GitHub is configured), the durable engine and the API. Throws when
    /// the port is taken (an AddressInUseException, or an IOException around one), <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
    /// when a setting is invalid (e.g. no template folder), and <see cref="RunnerStartException"/> when the settings
    /// cannot work together, having stopped whatever had started.
    /// </summary>
    public static async Task<LocalRunner> StartAsync(LocalRunnerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var builder = CreateBuilder(options, logging);
        var gitHub = SimulatedGitHub.IsReplacedBy(builder.Configuration) ? null : await SimulatedGitHub.StartAsync();
        WebApplication? app = null;
        try
        {
            app = Build(builder, options, gitHub);
            var engine = app.Services.GetRequiredService<DurableEngineInfo>();
            DurableStoreGuard.EnsureSimulatorsOutliveTheRunner(engine, gitHub is null ? [] : [new("GitHub", SimulatedGitHub.RunApart(options.Port == 0 ? RunnerArguments.DefaultPort : options.Port))]);
            await app.StartAsync();
            var runner = new LocalRunner(app, gitHub, engine);
            gitHub?.DeliverWebhooksTo(runner.BaseUrl);
            return runner;
        }
        catch
        {
            if (app is not null)
            {
                await StopAsync(app);
            }

            if (gitHub is not null)
            {
                await gitHub.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Runs until the host is told to stop (SIGTERM, Ctrl+C), then stops the API and the engine.</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    /// <summary>Stops the API, the engine and the simulator.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(app);
        if (gitHub is not null)
        {
            await gitHub.DisposeAsync();
        }
    }

    /// <summary>The runner's web host with its settings: environment variables, then <see cref="LocalRunnerOptions.Settings"/>.</summary>
    private static WebApplicationBuilder CreateBuilder(LocalRunnerOptions options, Action<ILoggingBuilder>? logging)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalRunner).Assembly.GetName().Name });
        builder.ListenOnLoopback(options.Port);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            // A failed start is reported by Program as one line with its fix, not as the host's stack trace.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Grpc", LogLevel.Warning)
                .AddFilter("DurableTask", LogLevel.Warning)
                .AddFilter("Provisioner.Durable", LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Configuration.AddInMemoryCollection(options.Settings);
        return builder;
    }

    private static WebApplication Build(WebApplicationBuilder builder, LocalRunnerOptions options, SimulatedGitHub? gitHub)
    {
        if (gitHub is not null)
        {
            builder.Configuration.AddInMemoryCollection(gitHub.Settings);
            builder.Services.Configure<UiOptions>(ui => ui.ConnectSources.Add(gitHub.Simulator.BaseUrl));
        }

        var configuration = builder.Configuration;
        builder.Services.AddTemplates(configuration);
        builder.Services.AddGitHubSourceControl(configuration);
        builder.Services.AddProvisionerApi(configuration);
        builder.Services.AddSingleton<IManagementLinks, LocalManagementLinks>();
        // Where provisions are kept is decided here alone: AzureWebJobsStorage (and TASKHUB_NAME) as the Functions host reads them.
        builder.Services.AddDurableEngine(configuration, registry => registry.AddProvisioningTasks());
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapProvisionerApi();
        app.MapDurableStatusApi();
        app.MapUiRootRedirect();
        if (gitHub is not null)
        {
            app.MapUiStopgaps(new Uri(gitHub.Simulator.BaseUrl, "api/v3/"), gitHub.ReviewerToken);
        }

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
