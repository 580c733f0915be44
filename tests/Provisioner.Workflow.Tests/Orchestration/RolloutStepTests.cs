using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Orchestration;

/// <summary>The rollout step: an unhealthy rollout fails the provision with its pods and events as evidence, read once.</summary>
public sealed class RolloutStepTests
{
    private static readonly DateTime Seen = new(1999, 12, 31, 12, 3, 0, DateTimeKind.Utc);

    private static readonly RolloutEvidence ImagePullBackOff = new(
        [new PodEvidence("shop-example-com-7d9c5-x2x4k", "Pending", "app", "ImagePullBackOff", "Back-off pulling image \"registry.example.com/sites/shop-example-com:abc123\"", 0)],
        [
            new EventEvidence("Pod/shop-example-com-7d9c5-x2x4k", "BackOff", "Back-off pulling image \"registry.example.com/sites/shop-example-com:abc123\"", 4, Seen),
            new EventEvidence("Pod/shop-example-com-7d9c5-x2x4k", "Failed", "Failed to pull image \"registry.example.com/sites/shop-example-com:abc123\": not found", 2, Seen.AddSeconds(-30)),
        ]);

    [Fact]
    public async Task A_rollout_past_its_progress_deadline_fails_at_Rollout_with_the_pods_and_events_read_once()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.AnswerInTurn(GetRolloutStatusActivity.Name,
            new RolloutStatus(RolloutState.Progressing, "Waiting for deployment \"shop-example-com\" rollout to finish: 0 of 2 updated replicas are available..."),
            new RolloutStatus(RolloutState.Failed, "deployment \"shop-example-com\" exceeded its progress deadline"));
        scenario.Answer(DescribeRolloutActivity.Name, () => ImagePullBackOff);

        var progress = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Failed, progress.Status);
        Assert.Equal(StepNames.Rollout, progress.Failure!.Step);
        Assert.Equal("The rollout failed: deployment \"shop-example-com\" exceeded its progress deadline", progress.Failure.Cause);
        Assert.StartsWith("Inspect the pods and events", progress.Failure.Remedy);
        Assert.Contains("kubectl -n sites rollout undo deployment/shop-example-com", progress.Failure.Remedy);
        Assert.Equal(ImagePullBackOff.Pods, progress.Failure.Evidence!.Pods);
        Assert.Equal(ImagePullBackOff.Events, progress.Failure.Evidence.Events);
        Assert.Null(progress.Failure.Evidence.ConsoleTail);
        var describe = Assert.Single(scenario.Calls, c => c.Activity == DescribeRolloutActivity.Name);
        Assert.Equal(scenario.Input.Site, describe.Input);
        Assert.Equal(5, describe.Options!.Retry!.Policy!.MaxNumberOfAttempts);
        Assert.Equal(0, scenario.CallsOf(ApplyIngressActivity.Name));
    }

    [Fact]
    public async Task A_rollout_that_does_not_finish_by_the_deadline_fails_with_the_last_look_and_the_evidence()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetRolloutStatusActivity.Name, () => new RolloutStatus(RolloutState.Progressing, "1 of 2 updated replicas are available"));
        scenario.Answer(DescribeRolloutActivity.Name, () => ImagePullBackOff);
        var start = scenario.Now;

        var progress = await scenario.RunAsync();

        Assert.Equal("The rollout did not finish within 00:15:00: 1 of 2 updated replicas are available", progress.Failure!.Cause);
        Assert.Equal("ImagePullBackOff", Assert.Single(progress.Failure.Evidence!.Pods!).Reason);
        Assert.Equal(1, scenario.CallsOf(DescribeRolloutActivity.Name));
        Assert.Equal(start + TimeSpan.FromMinutes(15), progress.Steps.Single(s => s.Name == StepNames.Rollout).EndedAt);
    }

    [Fact]
    public async Task A_Deployment_the_build_never_applied_says_so_plainly_and_describes_nothing()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetRolloutStatusActivity.Name, () => new RolloutStatus(RolloutState.NotFound, "deployments.apps \"shop-example-com\" not found in namespace sites: the build has not applied it yet."));

        var progress = await scenario.RunAsync();

        Assert.Equal(StepNames.Rollout, progress.Failure!.Step);
        Assert.Equal("Deployment sites/shop-example-com did not appear within 00:15:00: the build succeeded but never applied it.", progress.Failure.Cause);
        Assert.StartsWith("Check the Jenkinsfile's deploy stage", progress.Failure.Remedy);
        Assert.Null(progress.Failure.Evidence);
        Assert.Equal(0, scenario.CallsOf(DescribeRolloutActivity.Name));
    }

    [Fact]
    public async Task Pods_and_events_that_cannot_be_read_leave_the_rollout_failure_standing_with_a_note()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetRolloutStatusActivity.Name, () => new RolloutStatus(RolloutState.Failed, "deployment \"shop-example-com\" exceeded its progress deadline"));
        scenario.Fail(DescribeRolloutActivity.Name, new PermanentIntegrationException("The service account lacks list on pods in sites."));

        var progress = await scenario.RunAsync();

        Assert.Equal(StepNames.Rollout, progress.Failure!.Step);
        Assert.Equal("The rollout failed: deployment \"shop-example-com\" exceeded its progress deadline (Its pods and events could not be read: The service account lacks list on pods in sites.)", progress.Failure.Cause);
        Assert.StartsWith("Inspect the pods and events", progress.Failure.Remedy);
        Assert.Null(progress.Failure.Evidence);
    }

    [Fact]
    public async Task A_cancel_while_the_rollout_is_described_ends_Cancelled_at_Rollout_and_closes_nothing()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetRolloutStatusActivity.Name, () => new RolloutStatus(RolloutState.Failed, "exceeded its progress deadline"));
        scenario.CancelDuring(DescribeRolloutActivity.Name);

        var progress = await scenario.RunAsync();

        Assert.Equal(ProvisionStatus.Cancelled, progress.Status);
        Assert.Equal((StepNames.Rollout, StepOutcome.Cancelled), (progress.Steps.Last().Name, progress.Steps.Last().Outcome));
        Assert.Null(progress.Failure);
        Assert.Equal(0, scenario.CallsOf(ClosePullRequestActivity.Name));
    }

    [Fact]
    public async Task A_rollout_that_shows_no_pod_and_no_event_carries_no_evidence()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetRolloutStatusActivity.Name, () => new RolloutStatus(RolloutState.Failed, "exceeded its progress deadline"));

        var progress = await scenario.RunAsync();

        Assert.Null(progress.Failure!.Evidence);
        Assert.Equal(1, scenario.CallsOf(DescribeRolloutActivity.Name));
    }

    [Fact]
    public async Task Rollout_evidence_is_capped_whatever_the_cluster_returns()
    {
        var scenario = new OrchestratorScenario();
        scenario.Merge();
        scenario.Answer(GetRolloutStatusActivity.Name, () => new RolloutStatus(RolloutState.Failed, "exceeded its progress deadline"));
        var longMessage = new string('m', 5000);
        scenario.Answer(DescribeRolloutActivity.Name, () => new RolloutEvidence(
            [.. Enumerable.Range(0, 40).Select(i => new PodEvidence($"pod-{i}", "Running", "app", "CrashLoopBackOff", longMessage, i))],
            [.. Enumerable.Range(0, 40).Select(i => new EventEvidence($"Pod/pod-{i}", "BackOff", longMessage, i, Seen))]));

        var progress = await scenario.RunAsync();

        var evidence = progress.Failure!.Evidence!;
        Assert.Equal(EvidenceBudget.Pods, evidence.Pods!.Count);
        Assert.Equal(EvidenceBudget.Events, evidence.Events!.Count);
        Assert.Equal("pod-0", evidence.Pods[0].Name);
        Assert.All(evidence.Pods, p => Assert.Equal(EvidenceBudget.MessageChars, p.Message!.Length));
        Assert.All(evidence.Events, e => Assert.EndsWith("…", e.Message));
    }
}
