using Provisioner.Jenkins.Tests.Support;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>Following a build: queue, running, result; the console tail when it did not succeed; the build found after the queue forgot it.</summary>
public sealed class ProgressTests : IAsyncLifetime
{
    private JenkinsTestBed bed = null!;
    private IBuildServer jenkins = null!;

    public async Task InitializeAsync()
    {
        bed = await JenkinsTestBed.StartAsync(fakeTime: true);
        jenkins = bed.BuildServer();
    }

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task A_build_goes_from_the_queue_to_running_to_SUCCESS_without_a_console_tail()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { QueueWait = TimeSpan.FromSeconds(30), Duration = TimeSpan.FromMinutes(2) };
        var queued = await TriggerAsync("prov-ok");

        var waiting = await jenkins.GetBuildProgressAsync(queued, CancellationToken.None);
        Assert.Equal(new BuildProgress(BuildState.Queued, null, null, null, "Waiting for next available executor"), waiting);

        bed.Time!.Advance(TimeSpan.FromSeconds(30));
        var running = await jenkins.GetBuildProgressAsync(queued, CancellationToken.None);
        Assert.Equal(BuildState.Running, running.State);
        Assert.Equal(1, running.BuildNumber);
        Assert.Equal(new Uri(bed.Simulator.BaseUrl, "job/provisioned-sites/job/shop-example-com/1/").ToString(), running.BuildUrl);
        Assert.Null(running.Result);

        bed.Time.Advance(TimeSpan.FromMinutes(2));
        var finished = await Eventually.Until(() => jenkins.GetBuildProgressAsync(queued, CancellationToken.None), p => p.State == BuildState.Finished, "the build to finish");
        Assert.True(finished.Succeeded);
        Assert.Equal("SUCCESS", finished.Result);
        Assert.Equal(running.BuildUrl, finished.BuildUrl);
        Assert.Null(finished.ConsoleTail);
    }

    [Fact]
    public async Task A_build_in_its_quiet_period_says_so()
    {
        bed.Simulator.Options.QuietPeriod = TimeSpan.FromSeconds(5);
        var queued = await TriggerAsync("prov-quiet");

        var progress = await jenkins.GetBuildProgressAsync(queued, CancellationToken.None);

        Assert.Equal(BuildState.Queued, progress.State);
        Assert.Equal("In the quiet period. Expires in 5 sec", progress.Detail);
    }

    [Theory]
    [InlineData(BuildResult.Failure, "FAILURE")]
    [InlineData(BuildResult.Unstable, "UNSTABLE")]
    [InlineData(BuildResult.Aborted, "ABORTED")]
    public async Task A_build_that_did_not_succeed_carries_its_result_url_and_the_last_50_console_lines(BuildResult result, string expected)
    {
        var lines = Enumerable.Range(1, 80).Select(i => $"step {i}").ToList();
        bed.Simulator.Options.Scripts.ForParameter("IMAGE", "registry.example.com/sites/" + JenkinsTestBed.Site.AppName, new BuildScript { Result = result, ConsoleLines = lines });
        var queued = await TriggerAsync("prov-bad");
        await Eventually.Until(() => bed.Simulator.State.FindJob(bed.JobFullName)!.Builds.Count, n => n == 1, "the build to start");
        bed.Time!.Advance(TimeSpan.FromSeconds(1));

        var progress = await Eventually.Until(() => jenkins.GetBuildProgressAsync(queued, CancellationToken.None), p => p.State == BuildState.Finished, "the build to finish");

        Assert.False(progress.Succeeded);
        Assert.Equal(expected, progress.Result);
        Assert.Equal(new Uri(bed.Simulator.BaseUrl, "job/provisioned-sites/job/shop-example-com/1/").ToString(), progress.BuildUrl);
        Assert.Equal(50, progress.ConsoleTail!.Count);
        Assert.Equal($"Finished: {expected}", progress.ConsoleTail[^1]);
        Assert.Equal("[Pipeline] End of Pipeline", progress.ConsoleTail[^2]);
        Assert.Equal("step 80", progress.ConsoleTail[^3]);
        Assert.Equal("step 33", progress.ConsoleTail[0]);
        Assert.Contains(expected, progress.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_stopped_in_Jenkins_is_ABORTED_with_who_stopped_it_in_the_tail()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { Duration = TimeSpan.FromHours(1) };
        var queued = await TriggerAsync("prov-stop");
        var running = await Eventually.Until(() => jenkins.GetBuildProgressAsync(queued, CancellationToken.None), p => p.State == BuildState.Running, "the build to run");

        using (var raw = new RawJenkins(bed.Simulator.BaseUrl))
        {
            using var stop = await raw.PostAsync(running.BuildUrl + "stop");
            Assert.Equal(System.Net.HttpStatusCode.Found, stop.StatusCode);
        }

        var progress = await Eventually.Until(() => jenkins.GetBuildProgressAsync(queued, CancellationToken.None), p => p.State == BuildState.Finished, "the build to end");
        Assert.Equal("ABORTED", progress.Result);
        Assert.Contains($"Aborted by {JenkinsTestBed.User}", progress.ConsoleTail!);
    }

    [Fact]
    public async Task A_queue_item_cancelled_before_it_started_is_Cancelled_with_an_empty_tail()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { QueueWait = TimeSpan.FromHours(1) };
        var queued = await TriggerAsync("prov-cancel");
        using (var raw = new RawJenkins(bed.Simulator.BaseUrl))
        {
            using var cancel = await raw.PostAsync($"queue/cancelItem?id={queued.QueueItemId}");
            Assert.Equal(System.Net.HttpStatusCode.NoContent, cancel.StatusCode);
        }

        var progress = await jenkins.GetBuildProgressAsync(queued, CancellationToken.None);

        Assert.Equal(BuildState.Cancelled, progress.State);
        Assert.Null(progress.BuildNumber);
        Assert.Empty(progress.ConsoleTail!);
        Assert.Contains("cancelled", progress.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_item_Jenkins_forgot_after_the_build_started_is_found_by_its_provision()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { Duration = TimeSpan.FromHours(1) };
        var queued = await TriggerAsync("prov-forgot");
        await Eventually.Until(() => bed.Simulator.State.FindJob(bed.JobFullName)!.Builds.Count, n => n == 1, "the build to start");
        bed.Time!.Advance(TimeSpan.FromMinutes(6));
        bed.Simulator.Log.Clear();

        var progress = await jenkins.GetBuildProgressAsync(queued, CancellationToken.None);

        Assert.Equal(BuildState.Running, progress.State);
        Assert.Equal(1, progress.BuildNumber);
        Assert.Equal(
            [$"GET /queue/item/{queued.QueueItemId}/api/json", "GET /job/provisioned-sites/job/shop-example-com/api/json"],
            bed.Calls);
        Assert.Equal(404, bed.Simulator.Log.ApiCalls[0].Status);
    }

    [Fact]
    public async Task A_forgotten_item_with_no_build_for_the_provision_is_Cancelled()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { QueueWait = TimeSpan.FromHours(1) };
        var queued = await TriggerAsync("prov-lost");
        using (var raw = new RawJenkins(bed.Simulator.BaseUrl))
        {
            (await raw.PostAsync($"queue/cancelItem?id={queued.QueueItemId}")).Dispose();
        }

        bed.Time!.Advance(TimeSpan.FromMinutes(6));
        var progress = await jenkins.GetBuildProgressAsync(queued, CancellationToken.None);

        Assert.Equal(BuildState.Cancelled, progress.State);
        Assert.Contains("no longer knows queue item", progress.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_look_is_one_request_while_the_queue_remembers_the_item()
    {
        bed.Simulator.Options.Scripts.Default = new BuildScript { Duration = TimeSpan.FromHours(1) };
        var queued = await TriggerAsync("prov-cheap");
        await Eventually.Until(() => jenkins.GetBuildProgressAsync(queued, CancellationToken.None), p => p.State == BuildState.Running, "the build to run");
        bed.Simulator.Log.Clear();

        await jenkins.GetBuildProgressAsync(queued, CancellationToken.None);

        Assert.Equal([$"GET /queue/item/{queued.QueueItemId}/api/json"], bed.Calls);
    }

    [Fact]
    public async Task The_console_tail_is_capped_per_line_and_in_all()
    {
        var lines = Enumerable.Range(1, 200).Select(i => new string((char)('a' + (i % 26)), 5000)).ToList();
        bed.Simulator.Options.Scripts.Default = new BuildScript { Result = BuildResult.Failure, ConsoleLines = lines, Duration = TimeSpan.Zero };
        var queued = await TriggerAsync("prov-huge");

        var progress = await Eventually.Until(() => jenkins.GetBuildProgressAsync(queued, CancellationToken.None), p => p.State == BuildState.Finished, "the build to finish");

        Assert.InRange(progress.ConsoleTail!.Count, 1, 50);
        Assert.All(progress.ConsoleTail, line => Assert.True(line.Length <= 500 + 4, $"a line of {line.Length} characters"));
        Assert.True(progress.ConsoleTail.Sum(l => l.Length) <= 16 * 1024);
        Assert.Equal("Finished: FAILURE", progress.ConsoleTail[^1]);
    }

    private async Task<QueuedBuild> TriggerAsync(string provisionId)
    {
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        return await jenkins.TriggerBuildAsync(provisionId, job, JenkinsTestBed.Parameters(provisionId), CancellationToken.None);
    }
}
