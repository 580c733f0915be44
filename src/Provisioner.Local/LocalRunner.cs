using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioner.Api;
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
/// on exit), and a GitHub simulator (real Octokit traffic, signed webhooks) in place of GitHub.
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

    private LocalRunner(WebApplication app, GitHubSimulator gitHub)
    {
        this.app = app;
        GitHub = gitHub;
        BaseUrl = app.BaseUrl();
    }

    /// <summary>Where the API listens, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The GitHub simulator the runner's GitHub integration talks to.</summary>
    public GitHubSimulator GitHub { get; }

    /// <summary>The runner's services.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>
    /// Starts the simulator, the durable engine and the API. Throws when
    /// the port is taken (an AddressInUseException, or an IOException around one) and <see cref="Microsoft.Extensions.Options.OptionsValidationException"/>
    /// when a setting is invalid (e.g. no template folder), having stopped whatever had started.
    /// </summary>
    public static async Task<LocalRunner> StartAsync(LocalRunnerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        // Fresh secrets every run: nothing to leak, nothing to configure.
        var webhookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var token = "sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var reviewerToken = "sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var simulatorOptions = new SimulatorOptions { WebhookSecret = webhookSecret };
        simulatorOptions.Tokens.Add(token);
        simulatorOptions.Tokens.Add(reviewerToken);
        var gitHub = await GitHubSimulator.StartAsync(simulatorOptions);
        gitHub.State.SeedRepository(Owner, Repository);
        gitHub.State.AddTeam(Owner, DevOpsTeam);

        var app = Build(options, logging, gitHub, reviewerToken, new Dictionary<string, string?>
        {
            [SettingNames.GitHubApiUrl] = gitHub.BaseUrl.ToString(),
            [SettingNames.GitHubToken] = token,
            [SettingNames.GitHubOwner] = Owner,
            [SettingNames.GitHubRepo] = Repository,
            [SettingNames.GitHubDevOpsTeamSlug] = DevOpsTeam,
            [SettingNames.WebhookSecret] = webhookSecret,
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await StopAsync(app);
            await gitHub.DisposeAsync();
            throw;
        }

        var runner = new LocalRunner(app, gitHub);
        simulatorOptions.WebhookUrl = new Uri(runner.BaseUrl, $"{ApiRoutes.Prefix}/{ApiRoutes.GitHubWebhook}");
        return runner;
    }

    /// <summary>Runs until the host is told to stop (SIGTERM, Ctrl+C), then stops the API and the engine.</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    /// <summary>Stops the API, the engine and the simulator.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(app);
        await GitHub.DisposeAsync();
    }

    private static WebApplication Build(LocalRunnerOptions options, Action<ILoggingBuilder>? logging, GitHubSimulator gitHub, string reviewerToken, Dictionary<string, string?> gitHubSettings)
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
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Configuration.AddInMemoryCollection(gitHubSettings);
        builder.Configuration.AddInMemoryCollection(options.Settings);

        var configuration = builder.Configuration;
        builder.Services.AddTemplates(configuration);
        builder.Services.AddGitHubSourceControl(configuration);
        builder.Services.AddProvisionerApi(configuration);
        builder.Services.AddSingleton<IManagementLinks, LocalManagementLinks>();
        builder.Services.AddInMemoryDurableTask(registry => registry.AddProvisioningTasks(), new InMemoryDurableTaskOptions { Port = FreeLoopbackPort() });
        builder.Services.Configure<UiOptions>(ui => ui.ConnectSources.Add(gitHub.BaseUrl));

        var app = builder.Build();
        app.MapProvisionerApi();
        app.MapDurableStatusApi();
        app.MapUiRootRedirect();
        app.MapUiStopgaps(new Uri(gitHub.BaseUrl, "api/v3/"), reviewerToken);
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

    /// <summary>A port for the engine's in-process gRPC sidecar, instead of the package's random pick in 30000-39999 that may be taken.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
