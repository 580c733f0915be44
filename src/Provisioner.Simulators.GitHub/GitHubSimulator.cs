using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Common.Hosting;
using Provisioner.Simulators.GitHub.Diagnostics;
using Provisioner.Simulators.GitHub.Mcp;
using Provisioner.Simulators.GitHub.Rest;
using Provisioner.Simulators.GitHub.State;
using Provisioner.Simulators.GitHub.Webhooks;

namespace Provisioner.Simulators.GitHub;

/// <summary>
/// A GitHub stand-in on 127.0.0.1: the REST API under <c>/api/v3/</c> (open to browsers on any origin, as GitHub's), an MCP endpoint at <c>/mcp</c>,
/// merges that deliver signed webhooks, a request log and fault injection. Start one per test.
/// </summary>
public sealed class GitHubSimulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly WebhookSender webhooks;

    private GitHubSimulator(WebApplication app, SimulatorState state, SimulatorOptions options, RequestLog log, FaultInjector faults, WebhookSender webhooks, Uri baseUrl)
    {
        this.app = app;
        State = state;
        Options = options;
        Log = log;
        Faults = faults;
        this.webhooks = webhooks;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:5123/</c>; give it to Octokit as its base address.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The MCP endpoint (streamable HTTP).</summary>
    public Uri McpUrl => new(BaseUrl, "mcp");

    /// <summary>Repositories, teams, pull requests.</summary>
    public SimulatorState State { get; }

    /// <summary>Tokens, webhook target and secret, disabled MCP tools (changes apply to the next request).</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Every request answered.</summary>
    public RequestLog Log { get; }

    /// <summary>Faults to inject.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Every attempt to deliver a webhook, redeliveries included, oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => webhooks.Deliveries;

    /// <summary>Starts a simulator on 127.0.0.1 with a free port (or <paramref name="port"/>).</summary>
    public static async Task<GitHubSimulator> StartAsync(SimulatorOptions? options = null, int port = 0, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        var state = new SimulatorState();
        var log = new RequestLog();
        var faults = new FaultInjector();
        JsonShapes? shapes = null;
        Func<JsonShapes> currentShapes = () => shapes ?? throw new InvalidOperationException("The simulator has not started.");

        var builder = SimulatorHosting.CreateLoopbackBuilder(port);
        builder.Services.AddSingleton(options);
        var tools = new GitHubMcpTools(state, currentShapes);
        builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "github-mcp-server (simulator)", Version = "1.0.0" })
            .WithHttpTransport(t => t.Stateless = true)
            .WithTools(typeof(GitHubMcpTools).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is { } a && !options.DisabledMcpTools.Contains(a.Name ?? m.Name))
                .Select(m => McpServerTool.Create(m, tools)));

        var app = builder.Build();
        var http = new HttpClient();
        var webhooks = new WebhookSender(state, options, currentShapes, http);
        // Outermost, as GitHub's edge: faults and 401s carry the CORS headers too; preflights never reach the log.
        app.UseMiddleware<GitHubCorsMiddleware>();
        app.UseSimulatorDiagnostics(log, faults, GitHubFaults.Options);
        app.UseMiddleware<GitHubTokenMiddleware>();
        app.MapMcp("/mcp");
        app.MapGitHubRest(state, currentShapes, webhooks, options);
        await app.StartAsync(cancellationToken);

        var baseUrl = app.BaseUrl();
        shapes = new JsonShapes(baseUrl.ToString());
        return new GitHubSimulator(app, state, options, log, faults, webhooks, baseUrl);
    }

    /// <summary>Merges a pull request as <c>PUT /repos/{owner}/{repo}/pulls/{number}/merge</c> would, delivering the webhook.</summary>
    public async Task MergeAsync(string owner, string repo, int number)
    {
        SimulatedRepository repository;
        SimulatedPullRequest pr;
        lock (State.Sync)
        {
            repository = State.Repository(owner, repo);
            pr = State.PullRequest(repository, number);
            State.Merge(repository, pr, null);
        }

        await webhooks.DeliverPullRequestClosedAsync(repository, pr);
    }

    /// <summary>Sends a <c>ping</c> webhook for a repository, as GitHub does when a hook is created.</summary>
    public Task PingAsync(string owner, string repo)
    {
        SimulatedRepository repository;
        lock (State.Sync)
        {
            repository = State.Repository(owner, repo);
        }

        return webhooks.DeliverPingAsync(repository);
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await webhooks.RedeliveriesDoneAsync();
        await app.DisposeAsync();
    }
}
