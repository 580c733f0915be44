using System.Text.Json.Nodes;
using Provisioner.Local.Tests.Support;
using Provisioner.Workflow.Model;

namespace Provisioner.Local.Tests;

/// <summary>
/// The runner as a process on the Azure Storage backend (a private Azurite), with GitHub run apart
/// from it (a simulator in the test's process, given to the runner through its ordinary settings):
/// it stops within seconds on SIGTERM and Ctrl+C, a provision waiting for approval survives SIGKILL
/// with nothing done twice, and its own in-process simulator is refused with a persistent store.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunnerOnAzureStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Stops = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, string?> engine = azurite.EngineSettings(Backend.Azurite);
    private SimulatedGitHub gitHub = null!;

    public async Task InitializeAsync() => gitHub = await SimulatedGitHub.StartAsync();

    public async Task DisposeAsync() => await gitHub.DisposeAsync();

    [Fact]
    public async Task A_persistent_store_with_the_runners_own_GitHub_simulator_is_one_line_saying_how_to_run_it_apart_and_exit_code_1()
    {
        // Refused before anything connects: no Azurite listens at UseDevelopmentStorage's ports.
        await using var runner = RunnerProcess.Start(["--port", "0"], new Dictionary<string, string> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.True(await runner.ExitsWithinAsync(TimeSpan.FromSeconds(60)), runner.Output + runner.Errors);
        Assert.Equal(1, runner.ExitCode);
        var line = Assert.Single(runner.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("AzureWebJobsStorage is set, so provisions outlive the runner", line, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Provisioner.Simulators.GitHub", line, StringComparison.Ordinal);
        Assert.Contains("GITHUB_API_URL=", line, StringComparison.Ordinal);
        Assert.EndsWith("or unset AzureWebJobsStorage to keep provisions in memory.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RunnerProcess.SignalTerminate)]
    [InlineData(RunnerProcess.SignalInterrupt)]
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

    [Fact]
    public async Task A_provision_waiting_for_approval_survives_SIGKILL_and_the_merge_moves_it_on_with_nothing_done_twice()
    {
        string id;
        JsonNode before;
        await using (var first = await StartRunnerAsync())
        {
            using var http = new HttpClient { BaseAddress = first.Url };
            id = await http.StartProvisionAsync("survivor.example.com");
            before = await http.WaitForStatusAsync(id, "AwaitingApproval");

            first.Process.Signal(RunnerProcess.SignalKill);
            Assert.True(await first.Process.ExitsWithinAsync(Stops), first.Process.Output);
        }

        await using var second = await StartRunnerAsync();
        using (var http = new HttpClient { BaseAddress = second.Url })
        {
            var after = JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!;
            Assert.Equal("AwaitingApproval", (string?)after["status"]);
            Assert.Equal(before["timeline"]!.ToJsonString(), after["timeline"]!.ToJsonString());
            Assert.Single(gitHub.Simulator.State.CommitsAhead(LocalRunner.Owner, LocalRunner.Repository, "main", ProvisionBranch.For(id)));

            await gitHub.Simulator.MergeAsync(LocalRunner.Owner, LocalRunner.Repository, PullRequestOf(id).Number);

            // Jenkins has no integration in the runner yet: past approval, the run fails honestly at the build step.
            var ended = await http.WaitForStatusAsync(id, "Failed");
            Assert.Equal("build", (string?)ended["failure"]!["step"]);
            Assert.Equal("Succeeded", (string?)ended["timeline"]!.AsArray().Single(s => (string?)s!["name"] == "approval")!["outcome"]);
        }

        var pullRequest = PullRequestOf(id);
        Assert.Equal(["devops"], pullRequest.RequestedTeams);
        var calls = gitHub.Simulator.Log.ApiCalls.Select(c => $"{c.Method} {c.Path}").ToList();
        Assert.Single(calls, c => c.EndsWith("/pulls", StringComparison.Ordinal) && c.StartsWith("POST", StringComparison.Ordinal));
        Assert.Single(calls, c => c.EndsWith("/git/refs", StringComparison.Ordinal) && c.StartsWith("POST", StringComparison.Ordinal));
        Assert.Single(calls, c => c.EndsWith("/requested_reviewers", StringComparison.Ordinal) && c.StartsWith("POST", StringComparison.Ordinal));
    }

    /// <summary>A runner process on this test's task hub and GitHub simulator, serving, with the simulator's webhooks pointed at it.</summary>
    private async Task<StartedRunner> StartRunnerAsync()
    {
        var settings = gitHub.Settings.Concat(engine).ToDictionary(s => s.Key, s => s.Value ?? "");
        var process = RunnerProcess.Start(["--port", "0"], settings);
        try
        {
            var url = await process.WaitUntilServingAsync();
            gitHub.DeliverWebhooksTo(url);
            return new StartedRunner(process, url);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private Simulators.GitHub.State.SimulatedPullRequest PullRequestOf(string provisionId)
    {
        lock (gitHub.Simulator.State.Sync)
        {
            return gitHub.Simulator.State.FindRepository(LocalRunner.Owner, LocalRunner.Repository)!.PullRequests.Values.Single(p => p.Head == ProvisionBranch.For(provisionId));
        }
    }

    private sealed record StartedRunner(RunnerProcess Process, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
