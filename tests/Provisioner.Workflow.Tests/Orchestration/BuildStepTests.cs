using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Orchestration;

/// <summary>The build step: how a build that does not succeed fails the provision, with what evidence, and how often it is looked at.</summary>
public sealed class BuildStepTests
{
    private const string BuildUrl = "https://jenkins.example/job/sites/job/shop-example-com/3/";

    [Theory]
    [InlineData("FAILURE")]
    [InlineData("UNSTABLE")]
    [InlineData("ABORTED")]
    public async Task A_build_that_ends_without_success_fails_at_Build_with_its_result_url_and_console_tail(string result)
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.AnswerInTurn(GetBuildProgressActivity.Name,
            new BuildProgress(BuildState.Running, 3, BuildUrl, null, null),
            new BuildProgress(BuildState.Finished, 3, BuildUrl, result, $"Build #3 finished: {result}.", ["[Pipeline] sh", "+ docker build .", "ERROR: script returned exit code 1", $"Finished: {result}"]));

        var progress = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, progress.Status);
        var failure = progress.Failure!;
        Assert.Equal(StepNames.Build, failure.Step);
        Assert.Equal($"The build #3 finished {result}.", failure.Cause);
        Assert.StartsWith("Inspect the Jenkins console", failure.Remedy);
        Assert.Contains("fix the template or the pipeline", failure.Remedy);
        var evidence = failure.Evidence!;
        Assert.Equal(BuildUrl, evidence.BuildUrl);
        Assert.Equal(result, evidence.Result);
        Assert.Equal(["[Pipeline] sh", "+ docker build .", "ERROR: script returned exit code 1", $"Finished: {result}"], evidence.ConsoleTail);
        Assert.Null(evidence.Pods);
        Assert.Null(evidence.Events);
        Assert.Equal(BuildUrl, progress.Links.BuildUrl);
        Assert.Equal(0, scenario.CallsOf(GetRolloutStatusActivity.Name));
        // What GET status reads while it runs carries the same evidence as the result.
        Assert.Equal(evidence.ConsoleTail, scenario.Published.Last().Failure!.Evidence!.ConsoleTail);
    }

    [Fact]
    public async Task A_queue_item_cancelled_in_Jenkins_fails_at_Build_saying_so_with_no_evidence_it_does_not_have()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.AnswerInTurn(GetBuildProgressActivity.Name,
            new BuildProgress(BuildState.Queued, null, null, null, "Waiting for next available executor"),
            new BuildProgress(BuildState.Cancelled, null, null, null, "Queue item 9 was cancelled in Jenkins before a build started; it has no console log.", []));

        var progress = await scenario.RunAsync();

        Assert.Equal(StepNames.Build, progress.Failure!.Step);
        Assert.Equal("The build was cancelled in the queue (Queue item 9 was cancelled in Jenkins before a build started; it has no console log.).", progress.Failure.Cause);
        Assert.StartsWith("Inspect the Jenkins console", progress.Failure.Remedy);
        Assert.Null(progress.Failure.Evidence);
        Assert.Null(progress.Links.BuildUrl);
    }

    [Fact]
    public async Task A_build_slower_than_the_deadline_fails_saying_what_was_last_seen_with_the_build_as_evidence()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetBuildProgressActivity.Name, () => new BuildProgress(BuildState.Running, 3, BuildUrl, null, "Build #3 of sites/shop-example-com is running."));

        var progress = await scenario.RunAsync();

        Assert.Equal(StepNames.Build, progress.Failure!.Step);
        Assert.Equal("The build did not finish within 01:00:00 (last seen: #3 running).", progress.Failure.Cause);
        Assert.Contains("raise BUILD_TIMEOUT", progress.Failure.Remedy);
        Assert.Equal(new FailureEvidence(BuildUrl), progress.Failure.Evidence);
    }

    [Fact]
    public async Task A_build_still_queued_at_the_deadline_says_why_it_waited()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetBuildProgressActivity.Name, () => new BuildProgress(BuildState.Queued, null, null, null, "There are no nodes with the label 'docker'"));

        var progress = await scenario.RunAsync();

        Assert.Equal("The build did not finish within 01:00:00 (last seen: queued (There are no nodes with the label 'docker')).", progress.Failure!.Cause);
        Assert.Null(progress.Failure.Evidence);
    }

    [Fact]
    public async Task The_console_tail_kept_as_evidence_is_the_newest_lines_within_the_budget_of_the_status()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        var console = Enumerable.Range(1, 200).Select(i => $"line {i:000} " + new string('x', 190)).ToArray();
        scenario.Answer(GetBuildProgressActivity.Name, () => new BuildProgress(BuildState.Finished, 3, BuildUrl, "FAILURE", null, console));

        var progress = await scenario.RunAsync();

        var tail = progress.Failure!.Evidence!.ConsoleTail!;
        Assert.InRange(tail.Count, 1, EvidenceBudget.ConsoleLines);
        Assert.True(tail.Sum(l => l.Length) <= EvidenceBudget.ConsoleChars, $"{tail.Sum(l => l.Length)} characters kept");
        Assert.Equal(console[^tail.Count..], tail);
        Assert.StartsWith("line 200", tail[^1]);
    }

    [Theory]
    [InlineData(5, 9)]
    [InlineData(60, 64)]
    public async Task The_default_schedule_looks_at_a_build_tens_of_times_not_hundreds(int buildMinutes, int expectedLooks)
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        DateTime? started = null;
        scenario.Answer(GetBuildProgressActivity.Name, () =>
        {
            started ??= scenario.Now;
            return scenario.Now - started < TimeSpan.FromMinutes(buildMinutes)
                ? new BuildProgress(BuildState.Running, 3, BuildUrl, null, null)
                : new BuildProgress(BuildState.Finished, 3, BuildUrl, "SUCCESS", null);
        });

        var progress = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Completed, progress.Status);
        Assert.Equal(ProvisionTimings.Default.Build, scenario.Input.Timings.Build);
        // 5 s doubling to the 60 s cap: looks at 0, 5, 15, 35, 75 s, then every minute; the last one
        // is at most a minute after the build ended (a 60-minute build is seen at the deadline itself).
        Assert.Equal(expectedLooks, scenario.CallsOf(GetBuildProgressActivity.Name));
        var build = progress.Steps.Single(s => s.Name == StepNames.Build);
        Assert.InRange(build.EndedAt!.Value - started!.Value, TimeSpan.FromMinutes(buildMinutes), TimeSpan.FromMinutes(buildMinutes + 1));
    }
}
