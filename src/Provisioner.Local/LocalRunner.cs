using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.GitHub;
using Provisioner.Http;
using Provisioner.Simulators.GitHub;
using Provisioner.Templates;
using Provisioner.Ui;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Local;

/// <summary>
/// The whole app on one machine: the API the Functions app serves, the orchestration on the real
/// durable engine in-process, and a GitHub simulator (real Octokit traffic, signed webhooks) in
/// place of GitHub. Jenkins and Kubernetes stay unconfigured until their integrations exist, so a
/// provision fails honestly at the build step with "Jenkins is not configured".
/// </summary>
public sealed class LocalRunner : IAsyncDisposable
{
    /// <summary>The sites repository's owner in the simulator.</summary>
    public const string Owner = "contoso";

    /// <summary>The sites repository in the simulator.</summary>
    public const string Repository = "sites";

    /// <summary>The DevOps team asked to review.</summary>
    public const string DevOpsTeam = "devops";

    private readonly WebApplication app;

    private LocalRunner(WebApplication app, GitHubSimulator gitHub, Uri baseUrl)
    {
        this.app = app;
        GitHub = gitHub;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the API listens, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The GitHub simulator the runner's GitHub integration talks to.</summary>
    public GitHubSimulator GitHub { get; }

    /// <summary>The runner's services.</summary>
    public IServiceProvider Services => app.Services;

    /// <summary>Starts the simulator and the API.</summary>
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

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalRunner).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning);
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.GitHubApiUrl] = gitHub.BaseUrl.ToString(),
            [SettingNames.GitHubToken] = token,
            [SettingNames.GitHubOwner] = Owner,
            [SettingNames.GitHubRepo] = Repository,
            [SettingNames.GitHubDevOpsTeamSlug] = DevOpsTeam,
            [SettingNames.WebhookSecret] = webhookSecret,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);

        var configuration = builder.Configuration;
        builder.Services.AddTemplates(configuration);
        builder.Services.AddGitHubSourceControl(configuration);
        builder.Services.AddProvisioningWorkflow(configuration);
        builder.Services.AddInMemoryDurableTask(registry => registry.AddProvisioningTasks());
        builder.Services.Configure<UiOptions>(ui => ui.ConnectSources.Add(gitHub.BaseUrl));

        var app = builder.Build();
        app.MapProvisionerApi();
        app.MapDurableStatusEndpoints();
        app.MapProvisionerUi();
        app.MapUiStopgaps(new Uri(gitHub.BaseUrl, "api/v3/"), reviewerToken);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/");
        simulatorOptions.WebhookUrl = new Uri(baseUrl, "api/github/webhook");
        return new LocalRunner(app, gitHub, baseUrl);
    }

    /// <summary>Stops the API and the simulator.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await GitHub.DisposeAsync();
    }
}
