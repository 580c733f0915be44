using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Provisioner.Sandbox;
using Provisioner.Sandbox.GitHub;
using Provisioner.Simulators.GitHub;
using Provisioner.Simulators.GitHub.State;

namespace Provisioner.Local.Tests.Support;

/// <summary>
/// A local runner in sandbox mode on a free port for each test (the machine's own settings left out),
/// its every log line captured, a client of its API, and the sandbox's DevOps reviewer.
/// </summary>
public abstract class RunnerTestBase : IAsyncLifetime
{
    internal FakeLoggerProvider Logs { get; } = new();

    internal LocalRunner Runner { get; private set; } = null!;

    internal HttpClient Http { get; private set; } = null!;

    internal SandboxEnvironment Sandbox => Runner.Sandbox ?? throw new InvalidOperationException("The runner has no sandbox.");

    internal GitHubSimulator GitHub => Sandbox.GitHubSimulator!;

    internal DevOpsReviewer Reviewer => DevOpsReviewer.For(Sandbox.GitHub!, Http);

    /// <summary>How the test's runner starts.</summary>
    internal virtual LocalRunnerOptions Options => new() { Port = 0, ReadAmbientSettings = false };

    public async Task InitializeAsync()
    {
        Runner = await LocalRunner.StartAsync(Options, logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Http = new HttpClient { BaseAddress = Runner.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Runner.DisposeAsync();
    }

    /// <summary>The pull request a provision opened in the GitHub simulator.</summary>
    internal SimulatedPullRequest PullRequestOf(string provisionId)
    {
        lock (GitHub.State.Sync)
        {
            return GitHub.State.FindRepository(Sandbox.GitHub!.Owner, Sandbox.GitHub.Repository)!.PullRequests.Values.Single(p => p.Head == "provision/" + provisionId);
        }
    }

    /// <summary>Merges a provision's pull request as the DevOps team, through GitHub's <c>PUT …/pulls/{n}/merge</c>; the merge commit's SHA.</summary>
    internal async Task<string> MergeAsync(string provisionId) => (string)(await Reviewer.MergeAsync(PullRequestOf(provisionId).Number))["sha"]!;

    /// <summary>Starts a provision, merges its pull request as the DevOps team once it awaits approval, and follows it to its end.</summary>
    internal async Task<MergedProvision> ProvisionAndMergeAsync(string domain, string appType = "frontend", string templateId = "static-site")
    {
        var id = await Http.StartProvisionAsync(domain, appType, templateId);
        await Http.WaitForStatusAsync(id, "AwaitingApproval");
        var mergeCommit = await MergeAsync(id);
        return new MergedProvision(id, mergeCommit, await Http.WaitForEndAsync(id));
    }

    /// <summary>A GET of a site through the sandbox's ingress controller, with the site's domain as Host (as DNS pointing at it would send).</summary>
    internal async Task<HttpResponseMessage> GetSiteAsync(string domain, string path = "/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Sandbox.Ingress!.BaseUrl, path));
        request.Headers.Host = domain;
        return await Http.SendAsync(request);
    }

    /// <summary>A file of the sites repository's main branch, as the merge left it.</summary>
    internal string MainFile(string path) => GitHub.State.ReadFiles(Sandbox.GitHub!.Owner, Sandbox.GitHub.Repository, "main")[path];

    /// <summary>The step of a provision's timeline.</summary>
    internal static JsonNode Step(JsonNode provision, string name) => provision["timeline"]!.AsArray().Single(s => (string?)s!["name"] == name)!;
}

/// <summary>A provision whose pull request was merged: its id, the merge commit and how it ended.</summary>
internal sealed record MergedProvision(string Id, string MergeCommit, JsonNode End);
