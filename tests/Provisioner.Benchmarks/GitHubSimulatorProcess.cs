using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Provisioner.Api;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Benchmarks;

/// <summary>
/// The GitHub simulator as a process of its own (<c>dotnet Provisioner.Simulators.GitHub.dll</c>), as a
/// persistent store requires and as GitHub is: its repository, commits and pull requests stay out of
/// the runner's memory figures. Its webhooks go to the runner's port, chosen before either starts.
/// </summary>
internal sealed partial class GitHubSimulatorProcess : IAsyncDisposable
{
    public const string Owner = "contoso";
    public const string Repository = "sites";
    public const string DevOpsTeam = "devops";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;

    private GitHubSimulatorProcess(Process process, Uri baseUrl, string token, string webhookSecret)
    {
        this.process = process;
        ApiUrl = new Uri(baseUrl, "api/v3/");
        Token = token;
        Settings = new Dictionary<string, string?>
        {
            [SettingNames.GitHubApiUrl] = baseUrl.ToString(),
            [SettingNames.GitHubToken] = token,
            [SettingNames.GitHubOwner] = Owner,
            [SettingNames.GitHubRepo] = Repository,
            [SettingNames.GitHubDevOpsTeamSlug] = DevOpsTeam,
            [SettingNames.WebhookSecret] = webhookSecret,
        };
    }

    /// <summary>Where its REST API is.</summary>
    public Uri ApiUrl { get; }

    /// <summary>A token it accepts.</summary>
    public string Token { get; }

    /// <summary>The settings that point the runner's GitHub integration at it.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>A free loopback port for the runner, so the simulator knows where to send webhooks before the runner starts.</summary>
    public static int FreeRunnerPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<GitHubSimulatorProcess> StartAsync(int runnerPort)
    {
        var token = "sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var webhookSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Provisioner.Simulators.GitHub.dll"));
        start.ArgumentList.Add("0");
        start.Environment["SIM_TOKEN"] = token;
        start.Environment["SIM_WEBHOOK_SECRET"] = webhookSecret;
        start.Environment["SIM_WEBHOOK_URL"] = $"http://127.0.0.1:{runnerPort}/{ApiRoutes.Prefix}/{ApiRoutes.GitHubWebhook}";
        start.Environment["SIM_OWNER"] = Owner;
        start.Environment["SIM_REPO"] = Repository;
        start.Environment["SIM_TEAM"] = DevOpsTeam;

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningOn().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The GitHub simulator exited while starting."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new GitHubSimulatorProcess(process, await listening.Task.WaitAsync(StartTimeout), token, webhookSecret);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ListeningOn();
}
