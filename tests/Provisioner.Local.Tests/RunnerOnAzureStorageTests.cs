using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s;
using Provisioner.Local.Tests.Support;
using Provisioner.Workflow.Model;

namespace Provisioner.Local.Tests;

/// <summary>
/// The runner as a process on the Azure Storage backend (a private Azurite), with the sandbox as a
/// process of its own standing for GitHub, Jenkins and Kubernetes, which do not restart with
/// Provisioner: killed with SIGKILL at each point a provision waits, the runner started again on the
/// same task hub finishes every provision with each side effect done once; a merge webhook that
/// GitHub could not deliver while it was down moves the provision on when GitHub redelivers it;
/// SIGTERM and Ctrl+C stop it within seconds; and a sandbox inside it is refused with a persistent store.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunnerOnAzureStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Stops = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Finishes = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, string?> engine = new(azurite.EngineSettings(Backend.Azurite))
    {
        // An activity in flight when the runner dies runs again once its queue message is visible again:
        // after 5 minutes by default (as in the Functions host), after 10 s here.
        ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:10",
    };
    private SandboxProcess sandbox = null!;

    public async Task InitializeAsync() => sandbox = await SandboxProcess.StartAsync();

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task A_persistent_store_with_a_sandbox_inside_the_runner_is_one_line_saying_how_to_run_it_apart_and_exit_code_1()
    {
        // Refused before anything connects: no Azurite listens at UseDevelopmentStorage's ports.
        await using var runner = RunnerProcess.Start(["--port", "0"], new Dictionary<string, string> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.True(await runner.ExitsWithinAsync(TimeSpan.FromSeconds(60)), runner.Output + runner.Errors);
        Assert.Equal(1, runner.ExitCode);
        var line = Assert.Single(runner.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("AzureWebJobsStorage is set, so provisions outlive the runner", line, StringComparison.Ordinal);
        Assert.Contains("the sandbox's GitHub and Jenkins and Kubernetes would run inside the runner", line, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Provisioner.Sandbox -- --webhook-url http://127.0.0.1:<runner port>/api/github/webhook", line, StringComparison.Ordinal);
        Assert.EndsWith("or unset AzureWebJobsStorage to keep provisions in memory.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DotnetProcess.SignalTerminate)]
    [InlineData(DotnetProcess.SignalInterrupt)]
    public async Task A_signal_stops_the_runner_within_seconds_while_a_provision_waits_for_approval(int signal)
    {
        await using var runner = await StartRunnerAsync();
        using var http = new HttpClient { BaseAddress = runner.Url };
        var id = await http.StartProvisionAsync("signalled.example.com");
        await http.WaitForStatusAsync(id, "AwaitingApproval");

        runner.Process.Signal(signal);

        Assert.True(await runner.Process.ExitsWithinAsync(Stops), $"still running {Stops} after signal {signal}: {runner.Process.Output} {runner.Process.Errors}");
        Assert.Equal(0, runner.Process.ExitCode);
        Assert.Contains("Durable engine: Azure Storage, task hub " + engine["TASKHUB_NAME"], runner.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", runner.Process.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AwaitingApproval")]
    [InlineData("Building")]
    [InlineData("Deploying")]
    public async Task Killed_while_a_provision_waits_the_runner_started_again_finishes_it_with_each_side_effect_done_once(string killedAt)
    {
        var domain = $"{killedAt.ToLowerInvariant()}.survivor.example.com";
        using var gitHub = sandbox.GitHubClient();
        string id;
        JsonNode before;
        await using (var first = await StartRunnerAsync())
        {
            using var http = new HttpClient { BaseAddress = first.Url };
            id = await http.StartProvisionAsync(domain);
            before = await http.WaitForStatusAsync(id, "AwaitingApproval");
            if (killedAt != "AwaitingApproval")
            {
                await sandbox.Reviewer(http).MergeAsync(PullRequestNumber(before));
                before = await Eventually.WaitAsync(
                    $"{id} {killedAt}, its build started",
                    async () => JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!,
                    view => (string?)view["status"] == killedAt && view["links"]?["build_url"] is not null,
                    Finishes,
                    view => view.ToJsonString());
            }

            first.Process.Signal(DotnetProcess.SignalKill);
            Assert.True(await first.Process.ExitsWithinAsync(Stops), first.Process.Output);
        }

        await using var second = await StartRunnerAsync();
        using (var http = new HttpClient { BaseAddress = second.Url })
        {
            var after = JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!;
            Assert.Equal((string?)before["links"]!["pr_url"], (string?)after["links"]!["pr_url"]);
            if (killedAt == "AwaitingApproval")
            {
                Assert.Equal("AwaitingApproval", (string?)after["status"]);
                Assert.Equal(before["timeline"]!.ToJsonString(), after["timeline"]!.ToJsonString());
                await sandbox.Reviewer(http).MergeAsync(PullRequestNumber(after));
            }

            var end = await http.WaitForEndAsync(id, Finishes);
            Assert.True((string?)end["status"] == "Completed", end.ToJsonString());
        }

        await AssertEachSideEffectOnceAsync(id, domain, gitHub);
    }

    [Fact]
    public async Task A_merge_GitHub_could_not_deliver_while_the_runner_was_down_moves_the_provision_on_when_GitHub_redelivers_it()
    {
        const string Domain = "redelivered.example.com";
        using var gitHub = sandbox.GitHubClient();
        var hook = await TheHookAsync(gitHub);
        string id;
        await using (var first = await StartRunnerAsync())
        {
            using var http = new HttpClient { BaseAddress = first.Url };
            id = await http.StartProvisionAsync(Domain);
            var awaiting = await http.WaitForStatusAsync(id, "AwaitingApproval");
            first.Process.Signal(DotnetProcess.SignalKill);
            Assert.True(await first.Process.ExitsWithinAsync(Stops), first.Process.Output);
            await sandbox.Reviewer(http).MergeAsync(PullRequestNumber(awaiting));
        }

        var failed = await Eventually.WaitAsync(
            "GitHub's failed delivery of the merge",
            async () => (await DeliveriesAsync(gitHub, hook)).FirstOrDefault(d => (string?)d["event"] == "pull_request" && (string?)d["action"] == "closed"),
            delivery => delivery is not null,
            describe: delivery => delivery?.ToJsonString());
        Assert.Equal(0, (int)failed!["status_code"]!);

        await using var second = await StartRunnerAsync();
        using (var http = new HttpClient { BaseAddress = second.Url })
        {
            Assert.Equal("AwaitingApproval", (string?)JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!["status"]);

            using var redeliver = await gitHub.PostAsync($"repos/{sandbox.Owner}/{sandbox.Repository}/hooks/{hook}/deliveries/{(long)failed["id"]!}/attempts", null);
            Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);

            var end = await http.WaitForEndAsync(id, Finishes);
            Assert.True((string?)end["status"] == "Completed", end.ToJsonString());
        }

        var redelivery = Assert.Single(await DeliveriesAsync(gitHub, hook), d => (bool?)d["redelivery"] == true);
        Assert.Equal((string?)failed["guid"], (string?)redelivery["guid"]);
        Assert.Equal(202, (int)redelivery["status_code"]!);
        await AssertEachSideEffectOnceAsync(id, Domain, gitHub);
    }

    /// <summary>
    /// What GitHub, Jenkins and Kubernetes hold for the provision, read through their own APIs: one
    /// branch with one commit and one pull request, one review request of the team and each label
    /// once; one job and one build; one Ingress, applied once; and the site answering.
    /// </summary>
    private async Task AssertEachSideEffectOnceAsync(string id, string domain, HttpClient gitHub)
    {
        var repository = $"repos/{sandbox.Owner}/{sandbox.Repository}";
        var pulls = (await gitHub.GetFromJsonAsync<JsonArray>($"{repository}/pulls?state=all&head={sandbox.Owner}:{ProvisionBranch.For(id)}"))!;
        var pull = Assert.Single(pulls)!;
        var number = (int)pull["number"]!;
        Assert.NotNull((string?)pull["merged_at"]);
        Assert.Single((await gitHub.GetFromJsonAsync<JsonArray>($"{repository}/pulls/{number}/commits"))!);
        var events = (await gitHub.GetFromJsonAsync<JsonArray>($"{repository}/issues/{number}/events"))!.Select(e => e!).ToList();
        var reviewRequest = Assert.Single(events, e => (string?)e["event"] == "review_requested");
        Assert.Equal("devops", (string?)reviewRequest["requested_team"]!["slug"]);
        var labels = events.Where(e => (string?)e["event"] == "labeled").Select(e => (string?)e["label"]!["name"]).ToList();
        Assert.NotEmpty(labels);
        Assert.Equal(labels.Distinct().Count(), labels.Count);
        Assert.Single(events, e => (string?)e["event"] == "merged");

        var site = SiteIdentity.For(domain, sandbox.Namespace);
        using var jenkins = sandbox.JenkinsClient();
        var jobs = (await jenkins.GetFromJsonAsync<JsonObject>("job/provisioned-sites/api/json?tree=jobs[name]"))!["jobs"]!.AsArray();
        Assert.Single(jobs, j => (string?)j!["name"] == site.AppName);
        var builds = (await jenkins.GetFromJsonAsync<JsonObject>($"job/provisioned-sites/job/{site.AppName}/api/json?tree=builds[number,result]"))!["builds"]!.AsArray();
        var build = Assert.Single(builds)!;
        Assert.Equal("SUCCESS", (string?)build["result"]);

        using var cluster = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.KubeconfigPath));
        var ingresses = (await cluster.ListNamespacedIngressAsync(sandbox.Namespace)).Items.Where(i => i.Spec.Rules.Any(r => r.Host == domain)).ToList();
        var ingress = Assert.Single(ingresses);
        Assert.Equal(1, ingress.Metadata.Generation);

        using var http = new HttpClient();
        var ingressUrl = new Uri(sandbox.Printed[Provisioner.Sandbox.SandboxBanner.IngressUrlTemplate].Replace("{domain}", domain, StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{ingressUrl.Port}/");
        request.Headers.Host = domain;
        using var page = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private async Task<long> TheHookAsync(HttpClient gitHub)
    {
        var hooks = (await gitHub.GetFromJsonAsync<JsonArray>($"repos/{sandbox.Owner}/{sandbox.Repository}/hooks"))!;
        var hook = Assert.Single(hooks)!;
        Assert.Equal($"http://127.0.0.1:{sandbox.RunnerPort}/api/github/webhook", (string?)hook["config"]!["url"]);
        return (long)hook["id"]!;
    }

    private async Task<IReadOnlyList<JsonNode>> DeliveriesAsync(HttpClient gitHub, long hook) =>
        [.. (await gitHub.GetFromJsonAsync<JsonArray>($"repos/{sandbox.Owner}/{sandbox.Repository}/hooks/{hook}/deliveries"))!.Select(d => d!)];

    private static int PullRequestNumber(JsonNode view) =>
        Provisioner.Sandbox.GitHub.DevOpsReviewer.PullRequestNumber((string?)view["links"]!["pr_url"]) ?? throw new InvalidOperationException("No pull request link: " + view.ToJsonString());

    /// <summary>A runner process on this test's task hub, given the sandbox's printed settings, on the port the sandbox's webhooks go to.</summary>
    private async Task<StartedRunner> StartRunnerAsync()
    {
        var settings = sandbox.RunnerSettings.Concat(engine.Select(e => KeyValuePair.Create(e.Key, e.Value ?? ""))).ToDictionary(s => s.Key, s => s.Value);
        var process = RunnerProcess.Start(["--port", sandbox.RunnerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], settings);
        try
        {
            return new StartedRunner(process, await process.WaitUntilServingAsync());
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private sealed record StartedRunner(DotnetProcess Process, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
