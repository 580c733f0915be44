using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Provisioner.Sandbox;
using Provisioner.Sandbox.GitHub;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Local.Tests.Support;

/// <summary>
/// The sandbox as a process of its own (<c>dotnet Provisioner.Sandbox.dll</c>): GitHub, Jenkins and
/// Kubernetes as a runner sees real ones — they do not restart with it. Its GitHub delivers webhooks
/// to a runner port chosen before either starts, so a runner restarted on that port receives them.
/// </summary>
internal sealed class SandboxProcess : IAsyncDisposable
{
    private readonly DotnetProcess process;

    private SandboxProcess(DotnetProcess process, int runnerPort, IReadOnlyDictionary<string, string> printed)
    {
        this.process = process;
        RunnerPort = runnerPort;
        Printed = printed;
    }

    /// <summary>The port the runner must listen on to receive the sandbox's webhooks.</summary>
    public int RunnerPort { get; }

    /// <summary>Every <c>NAME=value</c> line the sandbox printed.</summary>
    public IReadOnlyDictionary<string, string> Printed { get; }

    /// <summary>The settings a runner is given, as the banner says: every printed line but the <c>SANDBOX_…</c> ones.</summary>
    public IReadOnlyDictionary<string, string> RunnerSettings =>
        Printed.Where(p => !p.Key.StartsWith("SANDBOX_", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);

    public string Owner => Printed[SettingNames.GitHubOwner];

    public string Repository => Printed[SettingNames.GitHubRepo];

    /// <summary>GitHub's REST API root (<c>…/api/v3/</c>).</summary>
    public Uri GitHubApi => new(new Uri(Printed[SettingNames.GitHubApiUrl]), "api/v3/");

    public string KubeconfigPath => Printed[SettingNames.KubeConfigPath];

    public string Namespace => Printed[SettingNames.KubernetesNamespace];

    public static async Task<SandboxProcess> StartAsync()
    {
        var runnerPort = FreePort();
        var process = DotnetProcess.Start("Provisioner.Sandbox.dll", ["--webhook-url", $"http://127.0.0.1:{runnerPort}/api/github/webhook"]);
        try
        {
            await process.WaitForLineAsync("the sandbox being ready", line => line == SandboxBanner.ReadyLine);
            return new SandboxProcess(process, runnerPort, SandboxBanner.ReadValues(process.OutputLines));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>GitHub's REST API as Provisioner's own token sees it.</summary>
    public HttpClient GitHubClient()
    {
        var http = new HttpClient { BaseAddress = GitHubApi };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", Printed[SettingNames.GitHubToken]);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Provisioner-Tests");
        return http;
    }

    /// <summary>The DevOps team's reviewer, who merges and closes pull requests.</summary>
    public DevOpsReviewer Reviewer(HttpClient http) => new(GitHubApi, Owner, Repository, Printed[SandboxBanner.ReviewerToken], http);

    /// <summary>Jenkins' remote API as the operator sees it.</summary>
    public HttpClient JenkinsClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(Printed[SettingNames.JenkinsUrl]) };
        var credentials = $"{Printed[SandboxBanner.JenkinsOperatorUser]}:{Printed[SandboxBanner.JenkinsOperatorToken]}";
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return http;
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
