using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Orchestration;

/// <summary>
/// Cancel and failure inside the orchestration: whatever step the provision is at, it ends once and
/// leaves no open pull request, and closes nothing that is already merged.
/// </summary>
public sealed class ProvisionCancelTests
{
    [Theory]
    [InlineData(OpenPullRequestActivity.Name, StepNames.PullRequest, true)]
    [InlineData(GetPullRequestStatusActivity.Name, StepNames.Approval, true)]
    [InlineData(GetBuildProgressActivity.Name, StepNames.Build, false)]
    [InlineData(GetRolloutStatusActivity.Name, StepNames.Rollout, false)]
    [InlineData(ApplyIngressActivity.Name, StepNames.Ingress, false)]
    [InlineData(GetIngressAddressActivity.Name, StepNames.Ingress, false)]
    [InlineData(ProbeLiveSiteActivity.Name, StepNames.Ingress, false)]
    public async Task A_cancel_at_any_step_ends_the_provision_Cancelled_at_that_step(string during, string step, bool pullRequestStillOpen)
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.CancelDuring(during);

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Cancelled, result.Status);
        var last = result.Steps.Last();
        Assert.Equal(step, last.Name);
        Assert.Equal(StepOutcome.Cancelled, last.Outcome);
        Assert.Null(result.Failure);
        Assert.Null(result.Links.LiveUrl);
        Assert.Equal(pullRequestStillOpen ? 1 : 0, scenario.CallsOf(ClosePullRequestActivity.Name));
        Assert.Equal(1, scenario.CallsOf(during));
        Assert.Equal(ProvisionStatus.Cancelled, scenario.Published.Last().Status);
    }

    [Fact]
    public async Task A_cancel_while_the_pull_request_is_being_opened_closes_the_pull_request_that_opening_made()
    {
        var scenario = new OrchestratorScenario();
        scenario.CancelDuring(OpenPullRequestActivity.Name);

        var result = await scenario.RunAsync();

        var close = (ClosePullRequestInput)scenario.Calls.Single(c => c.Activity == ClosePullRequestActivity.Name).Input!;
        Assert.Equal(42, close.Number);
        Assert.Equal(scenario.Input.ProvisionId, close.ProvisionId);
        Assert.Contains($"provision {scenario.Input.ProvisionId} was cancelled", close.Reason);
        Assert.Equal("https://github.example/contoso/sites/pull/42", result.Links.PullRequestUrl);
        Assert.EndsWith("The pull request was closed.", result.Steps.Last().Detail);
        Assert.Equal(0, scenario.CallsOf(GetPullRequestStatusActivity.Name));
    }

    [Fact]
    public async Task Closing_on_cancel_carries_the_same_retry_policy_as_every_other_call()
    {
        var scenario = new OrchestratorScenario();
        scenario.CancelDuring(GetPullRequestStatusActivity.Name);

        await scenario.RunAsync();

        var close = scenario.Calls.Single(c => c.Activity == ClosePullRequestActivity.Name);
        Assert.Equal(5, close.Options!.Retry!.Policy!.MaxNumberOfAttempts);
    }

    [Fact]
    public async Task A_cancel_during_approval_stops_waiting_and_builds_nothing()
    {
        var scenario = new OrchestratorScenario();
        scenario.CancelDuring(GetPullRequestStatusActivity.Name);

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Cancelled, result.Status);
        Assert.True(scenario.ApprovalWaitToken.IsCancellationRequested, "the event wait must be cancelled once the provision is cancelled");
        Assert.Equal(0, scenario.CallsOf(EnsureBuildJobActivity.Name));
    }

    [Fact]
    public async Task A_provision_that_fails_opening_its_pull_request_closes_whatever_its_branch_has_open()
    {
        var scenario = new OrchestratorScenario();
        scenario.Fail(OpenPullRequestActivity.Name, new PermanentIntegrationException("GitHub refused to request the team's review: 403 Forbidden."));

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, result.Status);
        Assert.Equal("GitHub refused to request the team's review: 403 Forbidden.", result.Failure!.Cause);
        var close = (ClosePullRequestInput)scenario.Calls.Single(c => c.Activity == ClosePullRequestActivity.Name).Input!;
        Assert.Null(close.Number);
        Assert.Equal(scenario.Input.ProvisionId, close.ProvisionId);
    }

    [Fact]
    public async Task A_provision_that_fails_after_the_merge_leaves_the_merged_pull_request_alone()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Fail(EnsureBuildJobActivity.Name, new PermanentIntegrationException("Jenkins refused: 403."));

        var result = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, result.Status);
        Assert.Equal(0, scenario.CallsOf(ClosePullRequestActivity.Name));
    }
}
