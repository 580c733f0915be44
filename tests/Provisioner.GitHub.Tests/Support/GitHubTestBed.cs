using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Octokit;
using Provisioner.GitHub;
using Provisioner.Simulators.GitHub;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.GitHub.Tests.Support;

/// <summary>A simulator with contoso/sites and the devops team, and the GitHub source control wired to it through DI.</summary>
internal sealed class GitHubTestBed : IAsyncDisposable
{
    public const string Owner = "contoso";
    public const string Repo = "sites";
    public const string Team = "devops";
    public const string Token = "test-token-that-must-never-leak-0123456789";

    private GitHubTestBed(GitHubSimulator simulator) => Simulator = simulator;

    public GitHubSimulator Simulator { get; }

    /// <summary>An Octokit client for reading back what landed.</summary>
    public IGitHubClient Octokit => new GitHubClient(new ProductHeaderValue("tests"), Simulator.BaseUrl) { Credentials = new Credentials(Token) };

    /// <summary>A raw HTTP client on the simulator with the token, for what Octokit has no call for or hides (status codes, headers, raw JSON).</summary>
    public HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = Simulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("tests");
        return http;
    }

    public static async Task<GitHubTestBed> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions();
        options.Tokens.Add(Token);
        configure?.Invoke(options);
        var simulator = await GitHubSimulator.StartAsync(options);
        simulator.State.SeedRepository(Owner, Repo, "main", new Dictionary<string, string> { ["README.md"] = "# sites\n", ["sites/.keep"] = string.Empty });
        simulator.State.AddTeam(Owner, Team);
        return new GitHubTestBed(simulator);
    }

    /// <summary>The source control as the app registers it, with <paramref name="settings"/> over the defaults (null removes one).</summary>
    public ISourceControl SourceControl(bool useMcp = false, IDictionary<string, string?>? settings = null, string? token = Token)
    {
        var values = new Dictionary<string, string?>
        {
            [SettingNames.GitHubOwner] = Owner,
            [SettingNames.GitHubRepo] = Repo,
            [SettingNames.GitHubDevOpsTeamSlug] = Team,
            [SettingNames.GitHubApiUrl] = Simulator.BaseUrl.ToString(),
            [SettingNames.GitHubToken] = token,
            [SettingNames.McpGitHubServerEndpoint] = useMcp ? Simulator.McpUrl.ToString() : null,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(new GitHubClientOptions { MaxInProcessRetryAfter = TimeSpan.FromSeconds(2), McpCallTimeout = TimeSpan.FromSeconds(2) });
        services.AddGitHubSourceControl(configuration);
        return services.BuildServiceProvider().GetRequiredService<ISourceControl>();
    }

    public static ProvisionPullRequest Request(int fileCount = 3, AppType appType = AppType.Backend, string? provisionId = null)
    {
        var files = Enumerable.Range(0, fileCount)
            .Select(i => new RenderedFile($"sites/shop.example.com/{(i % 3 == 0 ? "src/" : i % 3 == 1 ? "k8s/" : string.Empty)}file-{i:D3}.txt", $"content of file {i}\nline two\n"))
            .ToList();
        return new ProvisionPullRequest(provisionId ?? ProvisionId.New("shop.example.com"), "shop.example.com", appType, "node-api", files);
    }

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
