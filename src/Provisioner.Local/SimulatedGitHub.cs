using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Provisioner.Api;
using Provisioner.Simulators.GitHub;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Local;

/// <summary>
/// A GitHub simulator set up as the runner's sites repository (<see cref="LocalRunner.Owner"/>/<see cref="LocalRunner.Repository"/>,
/// reviewed by the <see cref="LocalRunner.DevOpsTeam"/> team) with fresh tokens and webhook secret. The runner starts
/// one inside its own process when GitHub is not configured; a test or benchmark that needs GitHub to outlive the
/// runner starts one apart and gives the runner its <see cref="Settings"/>.
/// </summary>
public sealed class SimulatedGitHub : IAsyncDisposable
{
    private SimulatedGitHub(GitHubSimulator simulator, string reviewerToken, IReadOnlyDictionary<string, string?> settings)
    {
        Simulator = simulator;
        ReviewerToken = reviewerToken;
        Settings = settings;
    }

    /// <summary>The simulator.</summary>
    public GitHubSimulator Simulator { get; }

    /// <summary>A token of the DevOps team's reviewer, to merge or close pull requests as GitHub's users would.</summary>
    public string ReviewerToken { get; }

    /// <summary>The settings that point the runner's GitHub integration at this simulator (secrets included: they are the simulator's own).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>
    /// True when the configuration names a GitHub of its own (<c>GITHUB_TOKEN</c>, <c>GITHUB_OWNER</c> and
    /// <c>GITHUB_REPO</c> all set): the runner then uses it and starts no simulator.
    /// </summary>
    public static bool IsReplacedBy(IConfiguration configuration) =>
        new[] { SettingNames.GitHubToken, SettingNames.GitHubOwner, SettingNames.GitHubRepo }.All(name => !string.IsNullOrWhiteSpace(configuration[name]));

    /// <summary>
    /// How to run the GitHub simulator as a process of its own for a runner on <paramref name="runnerPort"/>, and
    /// the settings that point the runner at it (the standalone simulator's defaults: its token, its webhook secret,
    /// the repository and team it seeds).
    /// </summary>
    public static string RunApart(int runnerPort)
    {
        var defaults = new SimulatorOptions();
        return $"SIM_WEBHOOK_URL=http://127.0.0.1:{runnerPort}/{ApiRoutes.Prefix}/{ApiRoutes.GitHubWebhook} dotnet run --project src/Provisioner.Simulators.GitHub -- 8090, " +
            $"then give the runner {SettingNames.GitHubApiUrl}=http://127.0.0.1:8090/ {SettingNames.GitHubToken}={defaults.Tokens.First()} " +
            $"{SettingNames.GitHubOwner}={LocalRunner.Owner} {SettingNames.GitHubRepo}={LocalRunner.Repository} {SettingNames.GitHubDevOpsTeamSlug}={LocalRunner.DevOpsTeam} " +
            $"{SettingNames.WebhookSecret}={defaults.WebhookSecret}";
    }

    /// <summary>Starts a simulator on a free loopback port, seeded with the sites repository and the DevOps team.</summary>
    public static async Task<SimulatedGitHub> StartAsync()
    {
        // Fresh secrets every run: nothing to leak, nothing to configure.
        var webhookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var token = "sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var reviewerToken = "sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var options = new SimulatorOptions { WebhookSecret = webhookSecret };
        options.Tokens.Add(token);
        options.Tokens.Add(reviewerToken);
        var simulator = await GitHubSimulator.StartAsync(options);
        simulator.State.SeedRepository(LocalRunner.Owner, LocalRunner.Repository);
        simulator.State.AddTeam(LocalRunner.Owner, LocalRunner.DevOpsTeam);
        return new SimulatedGitHub(simulator, reviewerToken, new Dictionary<string, string?>
        {
            [SettingNames.GitHubApiUrl] = simulator.BaseUrl.ToString(),
            [SettingNames.GitHubToken] = token,
            [SettingNames.GitHubOwner] = LocalRunner.Owner,
            [SettingNames.GitHubRepo] = LocalRunner.Repository,
            [SettingNames.GitHubDevOpsTeamSlug] = LocalRunner.DevOpsTeam,
            [SettingNames.WebhookSecret] = webhookSecret,
        });
    }

    /// <summary>Sends the simulator's webhooks (merges, closes) to the runner serving at <paramref name="runnerBaseUrl"/>.</summary>
    public void DeliverWebhooksTo(Uri runnerBaseUrl) =>
        Simulator.Options.WebhookUrl = new Uri(runnerBaseUrl, $"{ApiRoutes.Prefix}/{ApiRoutes.GitHubWebhook}");

    /// <summary>Stops the simulator.</summary>
    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}
