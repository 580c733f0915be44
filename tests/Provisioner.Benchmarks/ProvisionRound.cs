using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Provisioner.Durable;
using Provisioner.Local;
using Provisioner.Testing.Azurite;

namespace Provisioner.Benchmarks;

/// <summary>What one round measured.</summary>
/// <param name="ToAwaitingApproval">From the first POST until every provision reads AwaitingApproval.</param>
/// <param name="MergeToEnd">From the first merge until every provision reads Completed.</param>
/// <param name="MergesAnswered">From the first merge until GitHub (the simulator) had answered every merge.</param>
/// <param name="Memory">The process's memory before, after, after a GC, and what stayed per provision.</param>
/// <param name="Engine">The engine the runner ran on.</param>
/// <param name="Steps">Per timeline step of the ended provisions, the median and the slowest time it took.</param>
internal sealed record RoundResult(TimeSpan ToAwaitingApproval, TimeSpan MergeToEnd, TimeSpan MergesAnswered, MemoryFigures Memory, DurableEngineInfo Engine, string Steps);

/// <summary>
/// One round: a fresh runner in this process on a fresh task hub, with the GitHub simulator as a process
/// of its own (given to the runner through its settings, as a persistent store requires), N provisions
/// POSTed at once through the API, each pull request merged through the simulator's REST API (which
/// sends the signed webhook), every provision followed to its end.
/// </summary>
internal static class ProvisionRound
{
    // Clients keep this many requests in flight at once, as a busy UI or a script would.
    private const int InFlight = 64;
    private const int LookBatch = 16;
    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(15);

    public static async Task<RoundResult> RunAsync(DurableBackend backend, int count, AzuriteServer azurite)
    {
        var port = GitHubSimulatorProcess.FreeRunnerPort();
        await using var gitHub = await GitHubSimulatorProcess.StartAsync(port);
        var settings = new Dictionary<string, string?>(gitHub.Settings.Concat(InstantIntegrations.Settings))
        {
            [DurableEngineOptions.StorageConnectionSetting] = backend == DurableBackend.AzureStorage ? azurite.ConnectionString : "",
            ["TASKHUB_NAME"] = "bench" + Guid.NewGuid().ToString("N")[..12],
        };
        var runner = await LocalRunner.StartAsync(
            new LocalRunnerOptions { Port = port, Settings = settings, ReadAmbientSettings = false, ConfigureServices = InstantIntegrations.Register },
            logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        using var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight }) { BaseAddress = runner.BaseUrl, Timeout = Deadline };
        using var gitHubApi = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight }) { BaseAddress = gitHub.ApiUrl, Timeout = Deadline };
        gitHubApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", gitHub.Token);

        // One provision first, uncounted, so N = 1 measures a provision and not the first call's JIT.
        await ProvisionAsync(api, gitHubApi, ["warmup.bench.example.com"]);

        var before = MemorySample.Take();
        var (toAwaiting, mergeToEnd, mergesAnswered, ended) = await ProvisionAsync(api, gitHubApi, [.. Enumerable.Range(0, count).Select(i => $"site-{i}.bench.example.com")]);
        var rssAfter = MemorySample.Rss();
        var after = MemorySample.Take();
        var engine = runner.Engine;
        await runner.DisposeAsync();
        return new RoundResult(toAwaiting, mergeToEnd, mergesAnswered, new MemoryFigures(before, rssAfter, after, count), engine, StepTimes(ended));
    }

    private static async Task<(TimeSpan ToAwaiting, TimeSpan MergeToEnd, TimeSpan MergesAnswered, IReadOnlyDictionary<string, JsonNode> Ended)> ProvisionAsync(HttpClient api, HttpClient gitHubApi, IReadOnlyList<string> domains)
    {
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(domains.Select(domain => StartAsync(api, domain)));
        var awaiting = await WaitForAllAsync(api, ids, "AwaitingApproval");
        var toAwaiting = clock.Elapsed;

        clock.Restart();
        await Parallel.ForEachAsync(awaiting.Values, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (view, cancellationToken) =>
        {
            var pullRequest = new Uri((string)view["links"]!["pr_url"]!).Segments[^1];
            using var merged = await gitHubApi.PutAsJsonAsync($"repos/{GitHubSimulatorProcess.Owner}/{GitHubSimulatorProcess.Repository}/pulls/{pullRequest}/merge", new { merge_method = "merge" }, cancellationToken);
            merged.EnsureSuccessStatusCode();
        });
        var mergesAnswered = clock.Elapsed;
        var ended = await WaitForAllAsync(api, ids, "Completed");
        return (toAwaiting, clock.Elapsed, mergesAnswered, ended);
    }

    /// <summary>Each timeline step's median and slowest duration over <paramref name="ended"/>, e.g. <c>build 0.41/1.20 s</c>.</summary>
    private static string StepTimes(IReadOnlyDictionary<string, JsonNode> ended) => string.Join(", ", ended.Values
        .SelectMany(view => view["timeline"]!.AsArray().Select(step => (
            Name: (string)step!["name"]!,
            Took: step["ended_at"] is { } endedAt ? (DateTime)endedAt - (DateTime)step["started_at"]! : TimeSpan.Zero)))
        .GroupBy(step => step.Name)
        .Select(steps =>
        {
            var took = steps.Select(s => s.Took.TotalSeconds).Order().ToList();
            return $"{steps.Key} {took[took.Count / 2]:0.00}/{took[^1]:0.00} s";
        }));

    private static async Task<string> StartAsync(HttpClient api, string domain)
    {
        using var response = await api.PostAsJsonAsync("api/provisions", new { domain, app_type = "frontend", template_id = "static-site" });
        var body = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode == 202
            ? (string)JsonNode.Parse(body)!["provision_id"]!
            : throw new InvalidOperationException($"POST of {domain} answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>
    /// Reads the provisions not yet in <paramref name="status"/>, oldest first, a batch at a time, until all
    /// are; fails on any other end. A look stops at the first batch with one still on its way, and looks
    /// back off from 10 ms to 250 ms while nothing arrives, so the reads do not compete with the
    /// provisions for the engine's store.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, JsonNode>> WaitForAllAsync(HttpClient api, IReadOnlyList<string> ids, string status)
    {
        var arrived = new ConcurrentDictionary<string, JsonNode>();
        var deadline = DateTime.UtcNow + Deadline;
        var pause = TimeSpan.FromMilliseconds(10);
        while (arrived.Count < ids.Count)
        {
            var before = arrived.Count;
            foreach (var batch in ids.Where(id => !arrived.ContainsKey(id)).Chunk(LookBatch))
            {
                await Parallel.ForEachAsync(batch, async (id, cancellationToken) =>
                {
                    var view = JsonNode.Parse(await api.GetStringAsync($"api/provisions/{id}", cancellationToken))!;
                    var seen = (string)view["status"]!;
                    if (seen == status)
                    {
                        arrived[id] = view;
                    }
                    else if (seen is "Failed" or "Rejected" or "ApprovalExpired" or "Cancelled" or "Completed")
                    {
                        throw new InvalidOperationException($"Provision {id} ended {seen} while waiting for {status}: {view["failure"]?.ToJsonString()}");
                    }
                });

                if (batch.Any(id => !arrived.ContainsKey(id)))
                {
                    break;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{ids.Count - arrived.Count} of {ids.Count} provisions did not reach {status} within {Deadline}.");
            }

            if (arrived.Count < ids.Count)
            {
                pause = arrived.Count > before ? TimeSpan.FromMilliseconds(10) : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
                await Task.Delay(pause);
            }
        }

        return arrived;
    }
}
