using System.Text.Json;
using Microsoft.DurableTask;
using Moq;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Orchestration;

/// <summary>
/// A mocked <see cref="TaskOrchestrationContext"/> for one run of the orchestrator: activities
/// answer from a script, poll timers fire at once (moving the clock), and the approval wait ends
/// as the test says.
/// </summary>
internal sealed class OrchestratorScenario
{
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromDays(7);

    private readonly Dictionary<string, Func<object?>> answers = new();
    private readonly TaskCompletionSource<PullRequestClosed> approval = new();
    private readonly TaskCompletionSource approvalTimer = new();
    private DateTime now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    public OrchestratorScenario()
    {
        Input = new ProvisionInput(
            "prv-" + new string('1', 32), "shop.example.com", AppType.Frontend, "static-site",
            SiteIdentity.For("shop.example.com", "sites"),
            ProvisionTimings.Default with { ApprovalTimeout = ApprovalTimeout });

        Answer(ActivityNames.OpenPullRequest, () => new PullRequestOpened(
            new PullRequestRef(42, "https://github.example/contoso/sites/pull/42", ProvisionBranch.For(Input.ProvisionId), "mcp"),
            new Dictionary<string, string> { ["APP_NAME"] = "shop-example-com" }));
        Answer(ActivityNames.EnsureBuildJob, () => new BuildJobRef("sites/shop-example-com", "https://jenkins.example/job/sites/job/shop-example-com/"));
        Answer(ActivityNames.TriggerBuild, () => new QueuedBuild(new BuildJobRef("sites/shop-example-com", "u"), 9, "https://jenkins.example/queue/item/9/"));
        Answer(ActivityNames.GetBuildProgress, () => new BuildProgress(BuildState.Finished, 3, "https://jenkins.example/job/sites/job/shop-example-com/3/", "SUCCESS", null));
        Answer(ActivityNames.GetRolloutStatus, () => new RolloutStatus(RolloutState.Complete, "successfully rolled out"));
        Answer(ActivityNames.ApplyIngress, () => new AppliedIngress("shop-example-com", ["shop.example.com"], Tls: true));

        Context.Setup(c => c.CurrentUtcDateTime).Returns(() => now);
        Context.Setup(c => c.InstanceId).Returns(Input.ProvisionId);
        Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>()))
            .Callback<object?>(status => Published.Add(JsonSerializer.Deserialize<ProvisionProgress>(JsonSerializer.Serialize(status))!));
        Context.Setup(c => c.WaitForExternalEvent<PullRequestClosed>(EventNames.PullRequestClosed, It.IsAny<CancellationToken>()))
            .Returns<string, CancellationToken>((_, token) =>
            {
                ApprovalWaitToken = token;
                return approval.Task;
            });
        Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((fireAt, token) =>
            {
                if (fireAt - now == ApprovalTimeout)
                {
                    ApprovalTimerToken = token;
                    return approvalTimer.Task;
                }

                now = fireAt;
                Timers++;
                return Task.CompletedTask;
            });
        SetupActivity<PullRequestOpened>(ActivityNames.OpenPullRequest);
        SetupActivity<BuildJobRef>(ActivityNames.EnsureBuildJob);
        SetupActivity<QueuedBuild>(ActivityNames.TriggerBuild);
        SetupActivity<BuildProgress>(ActivityNames.GetBuildProgress);
        SetupActivity<RolloutStatus>(ActivityNames.GetRolloutStatus);
        SetupActivity<AppliedIngress>(ActivityNames.ApplyIngress);
    }

    public Mock<TaskOrchestrationContext> Context { get; } = new();

    public ProvisionInput Input { get; }

    public List<ProvisionProgress> Published { get; } = [];

    public List<(string Activity, object? Input, TaskOptions? Options)> Calls { get; } = [];

    public CancellationToken ApprovalWaitToken { get; private set; }

    public CancellationToken ApprovalTimerToken { get; private set; }

    public int Timers { get; private set; }

    public DateTime Now => now;

    public void Answer(string activity, Func<object?> answer) => answers[activity] = answer;

    /// <summary>Answers with each value once, then the last one forever.</summary>
    public void AnswerInTurn<T>(string activity, params T[] values)
    {
        var queue = new Queue<T>(values);
        Answer(activity, () => queue.Count > 1 ? queue.Dequeue() : queue.Peek());
    }

    public void Fail(string activity, Exception cause) =>
        Answer(activity, () => throw new TaskFailedException(activity, 1,
            new TaskFailureDetails(cause.GetType().FullName!, cause.Message, null, null, null)));

    public void Merge() => approval.SetResult(new PullRequestClosed(42, Merged: true, "abc123", "devops-alice"));

    public void CloseWithoutMerging() => approval.SetResult(new PullRequestClosed(42, Merged: false, null, "devops-bob"));

    public void ExpireApproval() => approvalTimer.SetResult();

    public Task<ProvisionProgress> RunAsync() => new ProvisionOrchestrator().RunAsync(Context.Object, Input);

    public int CallsOf(string activity) => Calls.Count(c => c.Activity == activity);

    private void SetupActivity<T>(string name) =>
        Context.Setup(c => c.CallActivityAsync<T>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, options) =>
            {
                Calls.Add((name, input, options));
                try
                {
                    return Task.FromResult((T)answers[name]()!);
                }
                catch (TaskFailedException failure)
                {
                    return Task.FromException<T>(failure);
                }
            });
}
