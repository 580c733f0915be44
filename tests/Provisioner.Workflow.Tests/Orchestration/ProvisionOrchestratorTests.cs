using Microsoft.DurableTask;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Orchestration;

/// <summary>The orchestrator alone, against a mocked <see cref="TaskOrchestrationContext"/>.</summary>
public sealed class ProvisionOrchestratorTests
{
    [Fact]
    public async Task Approved_provision_walks_every_status_to_Completed_with_the_live_url()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Completed, result.Status);
        Assert.Equal("https://shop.example.com/", result.Links.LiveUrl);
        Assert.Equal("https://github.example/contoso/sites/pull/42", result.Links.PullRequestUrl);
        Assert.Equal("mcp", result.PullRequestOpenedVia);
        Assert.Equal(
            [ProvisionStatus.CreatingPullRequest, ProvisionStatus.AwaitingApproval, ProvisionStatus.Building,
             ProvisionStatus.Deploying, ProvisionStatus.ConfiguringIngress, ProvisionStatus.Completed],
            scenario.Published.Select(p => p.Status).Distinct());
        Assert.True(scenario.ApprovalTimerTokens.Last().IsCancellationRequested, "the recheck timer must be cancelled once the merge event wins");
        Assert.True(scenario.ApprovalWaitToken.IsCancellationRequested, "the event wait must be cancelled once approval is decided");
        Assert.Equal(1, scenario.CallsOf(GetPullRequestStatusActivity.Name));
        var trigger = (TriggerBuildInput)scenario.Calls.Single(c => c.Activity == TriggerBuildActivity.Name).Input!;
        Assert.Equal("abc123", trigger.Parameters["GIT_COMMIT"]);
        Assert.Equal(scenario.Input.ProvisionId, trigger.ProvisionId);
        Assert.Equal("shop-example-com", trigger.Parameters["APP_NAME"]);
    }

    [Fact]
    public async Task Closed_without_merge_is_Rejected_and_nothing_is_built()
    {
        var scenario = new OrchestratorScenario();
        scenario.CloseWithoutMerging();

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Rejected, result.Status);
        Assert.Equal(StepOutcome.Rejected, result.Steps.Last().Outcome);
        Assert.Contains("devops-bob", result.Steps.Last().Detail);
        Assert.Equal(0, scenario.CallsOf(EnsureBuildJobActivity.Name));
    }

    [Fact]
    public async Task An_open_pull_request_at_the_approval_deadline_is_ApprovalExpired()
    {
        var scenario = new OrchestratorScenario();
        var start = scenario.Now;

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.ApprovalExpired, result.Status);
        Assert.Equal(StepOutcome.Expired, result.Steps.Last().Outcome);
        Assert.Equal(start + OrchestratorScenario.ApprovalTimeout, scenario.Now);
        // One look an hour for a week; one event wait for the whole week, cancelled at the end.
        Assert.Equal(168, scenario.CallsOf(GetPullRequestStatusActivity.Name));
        Assert.Equal(1, scenario.EventWaits);
        Assert.True(scenario.ApprovalWaitToken.IsCancellationRequested, "the event wait must be cancelled once the deadline passes");
        Assert.Equal(0, scenario.CallsOf(EnsureBuildJobActivity.Name));
        var close = (ClosePullRequestInput)scenario.Calls.Single(c => c.Activity == ClosePullRequestActivity.Name).Input!;
        Assert.Equal(42, close.Number);
        Assert.Contains("within 7.00:00:00", close.Reason);
        Assert.EndsWith("The pull request was closed.", result.Steps.Last().Detail);
    }

    [Fact]
    public async Task An_expired_provision_whose_pull_request_cannot_be_closed_still_expires_and_says_so()
    {
        var scenario = new OrchestratorScenario();
        scenario.Fail(ClosePullRequestActivity.Name, new TransientIntegrationException("GitHub answered 502 Bad Gateway."));

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.ApprovalExpired, result.Status);
        Assert.Contains("could not be closed (GitHub answered 502 Bad Gateway.", result.Steps.Last().Detail);
        Assert.Null(result.Failure);
    }

    [Fact]
    public async Task A_merge_event_GitHub_does_not_confirm_keeps_waiting_and_a_later_look_finds_the_real_merge()
    {
        var scenario = new OrchestratorScenario();
        scenario.DeliverUnconfirmedMergeEvent();
        scenario.AnswerInTurn(GetPullRequestStatusActivity.Name,
            new PullRequestStatus(42, PullRequestState.Open, null, null),
            new PullRequestStatus(42, PullRequestState.Open, null, null),
            new PullRequestStatus(42, PullRequestState.Merged, "c0ffee", "devops-alice"));
        var start = scenario.Now;

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Completed, result.Status);
        Assert.Equal("Merged by devops-alice.", result.Steps.Single(s => s.Name == StepNames.Approval).Detail);
        var trigger = (TriggerBuildInput)scenario.Calls.Single(c => c.Activity == TriggerBuildActivity.Name).Input!;
        Assert.Equal("c0ffee", trigger.Parameters["GIT_COMMIT"]);
        Assert.Equal(scenario.Input.ProvisionId, trigger.ProvisionId);
        Assert.Equal(3, scenario.CallsOf(GetPullRequestStatusActivity.Name));
        // The unconfirmed event was looked at at once; the merge was found by the two hourly looks after it.
        Assert.Equal(start + TimeSpan.FromHours(2), result.Steps.Single(s => s.Name == StepNames.Approval).EndedAt);
    }

    [Theory]
    [InlineData(OpenPullRequestActivity.Name, StepNames.PullRequest)]
    [InlineData(EnsureBuildJobActivity.Name, StepNames.Build)]
    [InlineData(TriggerBuildActivity.Name, StepNames.Build)]
    [InlineData(GetBuildProgressActivity.Name, StepNames.Build)]
    [InlineData(GetRolloutStatusActivity.Name, StepNames.Rollout)]
    [InlineData(ApplyIngressActivity.Name, StepNames.Ingress)]
    [InlineData(GetIngressAddressActivity.Name, StepNames.Ingress)]
    [InlineData(ProbeLiveSiteActivity.Name, StepNames.Ingress)]
    public async Task A_permanently_failing_activity_fails_the_provision_at_its_step(string activity, string step)
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Fail(activity, new PermanentIntegrationException($"{activity} refused: 404 Not Found."));

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, result.Status);
        Assert.Equal(step, result.Failure!.Step);
        Assert.Equal($"{activity} refused: 404 Not Found.", result.Failure.Cause);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Remedy));
        Assert.Equal(StepOutcome.Failed, result.Steps.Single(s => s.Name == step).Outcome);
        Assert.Null(result.Links.LiveUrl);
    }

    [Fact]
    public async Task Losing_access_to_the_pull_request_while_waiting_fails_the_approval_step_with_the_GitHub_runbook()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Fail(GetPullRequestStatusActivity.Name, new PermanentIntegrationException("GitHub refused to read pull request #42: 401 Bad credentials."));

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, result.Status);
        Assert.Equal(StepNames.Approval, result.Failure!.Step);
        Assert.Contains("GitHub token's scopes", result.Failure.Remedy);
        Assert.Equal(0, scenario.CallsOf(EnsureBuildJobActivity.Name));
    }

    [Fact]
    public async Task Retry_exhausted_names_the_attempts_and_every_activity_carries_the_retry_policy()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Fail(EnsureBuildJobActivity.Name, new TransientIntegrationException("Jenkins answered 503 Service Unavailable."));

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, result.Status);
        Assert.Equal("Jenkins answered 503 Service Unavailable. (gave up after 5 attempts)", result.Failure!.Cause);
        Assert.All(scenario.Calls, call =>
        {
            var policy = call.Options?.Retry?.Policy;
            Assert.NotNull(policy);
            Assert.Equal(5, policy.MaxNumberOfAttempts);
            Assert.False(policy.Handle(Failed<IntegrationNotConfiguredException>()), "permanent failures are not retried");
            Assert.True(policy.Handle(Failed<TransientIntegrationException>()), "transient failures are retried");
        });
    }

    [Fact]
    public async Task A_defect_in_an_activity_is_reported_by_type_only_never_with_its_message()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Fail(ApplyIngressActivity.Name, new NullReferenceException("connection string Password=hunter2 was null"));

        var result = await scenario.RunAsync();

        Assert.Equal(StepNames.Ingress, result.Failure!.Step);
        Assert.Equal("An unexpected error (NullReferenceException) stopped the ingress step after 5 attempts; the Functions logs hold the details.", result.Failure.Cause);
        Assert.DoesNotContain("hunter2", result.Failure.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permanent_failure_wrapped_by_the_host_is_still_permanent_with_its_message_and_remedy()
    {
        var scenario = new OrchestratorScenario();
        var notConfigured = new IntegrationNotConfiguredException("Jenkins", "JENKINS_URL");
        scenario.Merge();
        scenario.Fail(EnsureBuildJobActivity.Name,
            OrchestratorScenario.Details(new AggregateException("One or more errors occurred."), inner: OrchestratorScenario.Details(notConfigured)));

        var result = await scenario.RunAsync();

        Assert.Equal("Jenkins is not configured: set JENKINS_URL.", result.Failure!.Cause);
        Assert.StartsWith("Set the settings the cause names", result.Failure.Remedy);
        var policy = scenario.Calls.First().Options!.Retry!.Policy!;
        Assert.False(policy.Handle(new DurableTask.Core.Exceptions.TaskFailedException("wrapped")
        {
            FailureDetails = new DurableTask.Core.FailureDetails("System.AggregateException", "One or more errors occurred.", null,
                new DurableTask.Core.FailureDetails(typeof(IntegrationNotConfiguredException).FullName!, notConfigured.Message, null, null, false), false),
        }), "a wrapped permanent failure must not be retried");
    }

    // The retry handler sees the engine's (DurableTask.Core) failure, as it does at run time.
    private static Exception Failed<T>() =>
        new DurableTask.Core.Exceptions.TaskFailedException("activity failed")
        {
            FailureDetails = new DurableTask.Core.FailureDetails(typeof(T).FullName!, "message", null, null, isNonRetriable: false),
        };

    [Fact]
    public async Task A_build_that_never_finishes_fails_at_the_build_deadline_polling_with_capped_backoff()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetBuildProgressActivity.Name, () => new BuildProgress(BuildState.Running, 3, "https://jenkins.example/3/", null, null));
        var start = scenario.Now;

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, result.Status);
        Assert.Equal(StepNames.Build, result.Failure!.Step);
        Assert.StartsWith("The build did not finish within 01:00:00", result.Failure.Cause);
        Assert.Equal(start + TimeSpan.FromHours(1), scenario.Now);
        // 5 s doubling to a 60 s cap: 5+10+20+40 = 75 s, then 60 s steps to the hour: 4 + 59 timers, not 720.
        Assert.InRange(scenario.Timers, 60, 70);
        Assert.Equal("https://jenkins.example/3/", result.Links.BuildUrl);
    }

    [Fact]
    public async Task A_queued_build_cancelled_in_Jenkins_fails_the_build_step()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.AnswerInTurn(GetBuildProgressActivity.Name,
            new BuildProgress(BuildState.Queued, null, null, null, "Waiting for next available executor"),
            new BuildProgress(BuildState.Cancelled, null, null, null, "cancelled by admin"));

        var result = await scenario.RunAsync();

        Assert.Equal(StepNames.Build, result.Failure!.Step);
        Assert.Contains("cancelled in the queue (cancelled by admin)", result.Failure.Cause);
    }

    [Fact]
    public async Task A_rollout_that_never_completes_fails_at_the_rollout_deadline()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetRolloutStatusActivity.Name, () => new RolloutStatus(RolloutState.Progressing, "1 of 2 updated replicas are available"));

        var result = await scenario.RunAsync();

        Assert.Equal(StepNames.Rollout, result.Failure!.Step);
        Assert.Equal("The rollout did not finish within 00:15:00: 1 of 2 updated replicas are available", result.Failure.Cause);
        Assert.Equal(0, scenario.CallsOf(ApplyIngressActivity.Name));
    }

    [Fact]
    public async Task The_orchestrator_keeps_no_clock_of_its_own()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();

        var result = await scenario.RunAsync();

        // Every timestamp in the timeline is the orchestration clock's, never the machine's.
        Assert.All(result.Steps, step =>
        {
            Assert.Equal(1999, step.StartedAt.Year);
            Assert.Equal(new DateTime(1999, 12, 31), step.StartedAt.Date);
        });
    }
}
