using System.Text.Json;
using Microsoft.DurableTask;
using Moq;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Orchestration;

/// <summary>
/// A mocked <see cref="TaskOrchestrationContext"/> for one run of the orchestrator: activities
/// answer from a script, timers fire at once (moving the clock) unless an external event is
/// already there to win the race, and webhook events arrive in the order the test queues them.
/// </summary>
internal sealed class OrchestratorScenario
{
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromDays(7);

    public static readonly TimeSpan ApprovalRecheck = TimeSpan.FromHours(1);

    private readonly Dictionary<string, Func<object?>> answers = new();
    private readonly TaskCompletionSource<CancelRequest> cancel = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? cancelDuring;
    private readonly Queue<PullRequestClosed> events = new();
    private Task<PullRequestClosed> currentEventWait = Task.FromException<PullRequestClosed>(new InvalidOperationException("no wait yet"));
    private bool awaitingApproval;
    // Far from any date the tests run on, so a timestamp from the machine clock could never pass for it.
    private DateTime now = new(1999, 12, 31, 12, 0, 0, DateTimeKind.Utc);

    /// <param name="timings">Changes to the default timings the provision runs with.</param>
    public OrchestratorScenario(Func<ProvisionTimings, ProvisionTimings>? timings = null)
    {
        var defaults = ProvisionTimings.Default with { ApprovalTimeout = ApprovalTimeout, ApprovalRecheckInterval = ApprovalRecheck };
        Input = new ProvisionInput(
            "prv-" + new string('1', 32), "shop.example.com", AppType.Frontend, "static-site",
            SiteIdentity.For("shop.example.com", "sites"),
            timings?.Invoke(defaults) ?? defaults);

        Answer(OpenPullRequestActivity.Name, () => new PullRequestOpened(
            new PullRequestRef(42, "https://github.example/contoso/sites/pull/42", ProvisionBranch.For(Input.ProvisionId), "mcp",
                new SourceRepository("https://github.example/contoso/sites.git", "main")),
            new Dictionary<string, string> { ["APP_NAME"] = "shop-example-com" }));
        Answer(GetPullRequestStatusActivity.Name, () => new PullRequestStatus(42, PullRequestState.Open, null, null));
        Answer(ClosePullRequestActivity.Name, () => true);
        Answer(EnsureBuildJobActivity.Name, () => new BuildJobRef("sites/shop-example-com", "https://jenkins.example/job/sites/job/shop-example-com/"));
        Answer(TriggerBuildActivity.Name, () => new QueuedBuild(new BuildJobRef("sites/shop-example-com", "u"), 9, "https://jenkins.example/queue/item/9/", Input.ProvisionId));
        Answer(GetBuildProgressActivity.Name, () => new BuildProgress(BuildState.Finished, 3, "https://jenkins.example/job/sites/job/shop-example-com/3/", "SUCCESS", null));
        Answer(GetRolloutStatusActivity.Name, () => new RolloutStatus(RolloutState.Complete, "successfully rolled out"));
        Answer(DescribeRolloutActivity.Name, () => new RolloutEvidence([], []));
        Answer(ApplyIngressActivity.Name, () => new AppliedIngress("shop-example-com", ["shop.example.com"], Tls: true, "nginx"));
        Answer(GetIngressAddressActivity.Name, () => new IngressAddress("203.0.113.10"));
        Answer(ProbeLiveSiteActivity.Name, () => new LiveProbeResult(true, 200, false, "GET https://shop.example.com/ through 203.0.113.10:443 answered 200 OK."));

        Context.Setup(c => c.CurrentUtcDateTime).Returns(() => now);
        Context.Setup(c => c.InstanceId).Returns(Input.ProvisionId);
        Context.Setup(c => c.SetCustomStatus(It.IsAny<object?>()))
            .Callback<object?>(status => Published.Add(JsonSerializer.Deserialize<ProvisionProgress>(JsonSerializer.Serialize(status))!));
        Context.Setup(c => c.WaitForExternalEvent<CancelRequest>(EventNames.Cancel, It.IsAny<CancellationToken>())).Returns(cancel.Task);
        Context.Setup(c => c.WaitForExternalEvent<PullRequestClosed>(EventNames.PullRequestClosed, It.IsAny<CancellationToken>()))
            .Returns<string, CancellationToken>((_, token) =>
            {
                ApprovalWaitToken = token;
                EventWaits++;
                awaitingApproval = true;
                currentEventWait = events.TryDequeue(out var next) ? Task.FromResult(next) : new TaskCompletionSource<PullRequestClosed>().Task;
                return currentEventWait;
            });
        Context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns<DateTime, CancellationToken>((fireAt, token) =>
            {
                if (awaitingApproval)
                {
                    ApprovalTimerTokens.Add(token);
                    if (currentEventWait.IsCompleted)
                    {
                        return new TaskCompletionSource().Task; // the event that is already there wins the race
                    }
                }

                now = fireAt;
                Timers++;
                return Task.CompletedTask;
            });
        SetupActivity<PullRequestStatus>(GetPullRequestStatusActivity.Name);
        SetupActivity<bool>(ClosePullRequestActivity.Name);
        SetupActivity<PullRequestOpened>(OpenPullRequestActivity.Name);
        SetupActivity<BuildJobRef>(EnsureBuildJobActivity.Name);
        SetupActivity<QueuedBuild>(TriggerBuildActivity.Name);
        SetupActivity<BuildProgress>(GetBuildProgressActivity.Name);
        SetupActivity<RolloutStatus>(GetRolloutStatusActivity.Name);
        SetupActivity<RolloutEvidence>(DescribeRolloutActivity.Name);
        SetupActivity<AppliedIngress>(ApplyIngressActivity.Name);
        SetupActivity<IngressAddress?>(GetIngressAddressActivity.Name);
        SetupActivity<LiveProbeResult>(ProbeLiveSiteActivity.Name);
    }

    public Mock<TaskOrchestrationContext> Context { get; } = new();

    public ProvisionInput Input { get; }

    public List<ProvisionProgress> Published { get; } = [];

    public List<(string Activity, object? Input, TaskOptions? Options)> Calls { get; } = [];

    public CancellationToken ApprovalWaitToken { get; private set; }

    public List<CancellationToken> ApprovalTimerTokens { get; } = [];

    public int EventWaits { get; private set; }

    public int Timers { get; private set; }

    public DateTime Now => now;

    public void Answer(string activity, Func<object?> answer) => answers[activity] = answer;

    /// <summary>Answers with each value once, then the last one forever.</summary>
    public void AnswerInTurn<T>(string activity, params T[] values)
    {
        var queue = new Queue<T>(values);
        Answer(activity, () => queue.Count > 1 ? queue.Dequeue() : queue.Peek());
    }

    public void Fail(string activity, Exception cause) => Fail(activity, Details(cause));

    public void Fail(string activity, TaskFailureDetails failure) =>
        Answer(activity, () => throw new TaskFailedException(activity, 1, failure));

    public static TaskFailureDetails Details(Exception cause, TaskFailureDetails? inner = null) =>
        new(cause.GetType().FullName!, cause.Message, null, inner, null);

    /// <summary>The reviewer merges on GitHub and the webhook delivers the event.</summary>
    public void Merge()
    {
        events.Enqueue(new PullRequestClosed(42, Merged: true, "abc123", "devops-alice"));
        Answer(GetPullRequestStatusActivity.Name, () => new PullRequestStatus(42, PullRequestState.Merged, "abc123", "devops-alice"));
    }

    /// <summary>The reviewer closes the pull request without merging and the webhook delivers the event.</summary>
    public void CloseWithoutMerging()
    {
        events.Enqueue(new PullRequestClosed(42, Merged: false, null, "devops-bob"));
        Answer(GetPullRequestStatusActivity.Name, () => new PullRequestStatus(42, PullRequestState.ClosedUnmerged, null, null));
    }

    /// <summary>A closed event arrives that GitHub does not confirm (forged, stray, or ahead of GitHub's API).</summary>
    public void DeliverUnconfirmedMergeEvent() => events.Enqueue(new PullRequestClosed(42, Merged: true, "f00", "mallory"));

    /// <summary>Someone cancels the provision while <paramref name="activity"/> runs: the activity finishes only after the cancel arrived.</summary>
    public void CancelDuring(string activity) => cancelDuring = activity;

    public Task<ProvisionProgress> RunAsync() => new ProvisionOrchestrator().RunAsync(Context.Object, Input);

    public int CallsOf(string activity) => Calls.Count(c => c.Activity == activity);

    private void SetupActivity<T>(string name) =>
        Context.Setup(c => c.CallActivityAsync<T>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns<TaskName, object?, TaskOptions?>((_, input, options) =>
            {
                Calls.Add((name, input, options));
                awaitingApproval &= name == GetPullRequestStatusActivity.Name;
                Task<T> answer;
                try
                {
                    answer = Task.FromResult((T)answers[name]()!);
                }
                catch (TaskFailedException failure)
                {
                    answer = Task.FromException<T>(failure);
                }

                if (name != cancelDuring || cancel.Task.IsCompleted)
                {
                    return answer;
                }

                cancel.SetResult(new CancelRequest(Input.ProvisionId));
                return cancel.Task.ContinueWith(_ => answer, TaskScheduler.Default).Unwrap();
            });
}
