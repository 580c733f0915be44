using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// The steps of one provision, each a short method over the durable context. Every activity and
/// every wait is raced with the provision's <see cref="EventNames.Cancel"/> event, so a cancel is
/// handled at whatever step the provision is. A step that ends the provision (rejection, expiry,
/// failure, cancel) records how and throws <see cref="ProvisionEndedException"/>, which the
/// orchestrator turns into its result. Deterministic: clock, timers and calls all go through the context.
/// </summary>
internal sealed class ProvisionRun
{
    private readonly TaskOrchestrationContext context;
    private readonly ProvisionInput input;
    private readonly ProgressTracker progress;
    private readonly TaskOptions retry;

    // Waited for once, for the whole run, and never cancelled: in the isolated worker a cancelled
    // wait can still swallow a later event (durabletask-dotnet #508). Listed first in every race,
    // so a cancel that arrives with another result wins.
    private readonly Task<CancelRequest> cancelRequested;

    public ProvisionRun(TaskOrchestrationContext context, ProvisionInput input)
    {
        this.context = context;
        this.input = input;
        progress = new ProgressTracker(context, input);
        retry = ActivityRetryOptions.For(input.Timings.Retry);
        cancelRequested = context.WaitForExternalEvent<CancelRequest>(EventNames.Cancel, CancellationToken.None);
    }

    /// <summary>1. Renders the template and opens the pull request; the DevOps team is asked to review.</summary>
    public async Task<PullRequestOpened> OpenPullRequestAsync()
    {
        progress.Begin(ProvisionStep.PullRequest);
        var opened = await CallAsync(context.CallOpenPullRequestActivityAsync(input, retry));
        progress.PullRequestOpened(opened.PullRequest);
        progress.Succeed($"Pull request #{opened.PullRequest.Number} opened via {opened.PullRequest.OpenedVia}.");
        return opened;
    }

    /// <summary>
    /// 2. Waits, durably, for the DevOps team to merge, or for the approval timeout. GitHub has the
    /// last word: the webhook's event (or a periodic look, should a delivery be lost) only says
    /// when to read the pull request's state. Returns the merged pull request.
    /// </summary>
    public async Task<PullRequestStatus> AwaitMergeAsync(PullRequestOpened opened)
    {
        progress.Begin(ProvisionStep.Approval);
        var (decision, closedBy) = await WaitForDecisionAsync(opened.PullRequest.Number);
        switch (decision.State)
        {
            case PullRequestState.Merged:
                progress.Succeed($"Merged by {decision.ClosedBy ?? closedBy ?? "someone"}.");
                return decision;
            case PullRequestState.ClosedUnmerged:
                throw End(ProvisionStatus.Rejected, StepOutcome.Rejected,
                    $"Pull request #{decision.Number} was closed without merging by {closedBy ?? "someone"}.");
            case PullRequestState.Open:
            default:
                var expired = $"No one merged pull request #{decision.Number} within {input.Timings.ApprovalTimeout}.";
                var closing = await ClosePullRequestAsync(expired);
                throw End(ProvisionStatus.ApprovalExpired, StepOutcome.Expired, expired + closing);
        }
    }

    /// <summary>3. Ensures the Jenkins job, builds the merge commit, and waits for the build's result.</summary>
    public async Task BuildAsync(PullRequestOpened opened, PullRequestStatus merged)
    {
        progress.Begin(ProvisionStep.Build);
        var parameters = BuildParameters(opened, merged);
        var job = await CallAsync(context.CallEnsureBuildJobActivityAsync(
            new BuildJobSpec(input.Site, opened.PullRequest.Base, input.Site.RepositoryPath + "/Jenkinsfile", [.. parameters.Keys.Order(StringComparer.Ordinal)]),
            retry));
        var queued = await CallAsync(context.CallTriggerBuildActivityAsync(new TriggerBuildInput(input.ProvisionId, job, parameters), retry));
        var build = await PollAsync(
            input.Timings.Build,
            () => context.CallGetBuildProgressActivityAsync(queued, retry),
            isDone: b => b.State is BuildState.Finished or BuildState.Cancelled,
            onLook: TrackBuild);
        if (build.TimedOut)
        {
            throw Fail($"The build did not finish within {input.Timings.Build.Timeout} (last seen: {Describe(build.Last)}).", Remedies.FailedBuild(input.Site));
        }

        if (!build.Last.Succeeded)
        {
            throw Fail($"The build {Describe(build.Last)}.", Remedies.FailedBuild(input.Site));
        }

        progress.Succeed($"Build #{build.Last.BuildNumber} succeeded.");
    }

    /// <summary>4. Waits for the Kubernetes Deployment to roll out.</summary>
    public async Task RollOutAsync()
    {
        progress.Begin(ProvisionStep.Rollout);
        var rollout = await PollAsync(
            input.Timings.Rollout,
            () => context.CallGetRolloutStatusActivityAsync(input.Site, retry),
            isDone: r => r.State is RolloutState.Complete or RolloutState.Failed,
            onLook: r => progress.Note(r.Message));
        if (rollout.TimedOut)
        {
            throw Fail($"The rollout did not finish within {input.Timings.Rollout.Timeout}: {rollout.Last.Message}", Remedies.Rollout(input.Site));
        }

        if (rollout.Last.State == RolloutState.Failed)
        {
            throw Fail($"The rollout failed: {rollout.Last.Message}", Remedies.Rollout(input.Site));
        }

        progress.Succeed(rollout.Last.Message);
    }

    /// <summary>5. Applies the Ingress from its template and reports the live URL.</summary>
    public async Task<ProvisionProgress> ConfigureIngressAsync()
    {
        progress.Begin(ProvisionStep.Ingress);
        var ingress = await CallAsync(context.CallApplyIngressActivityAsync(input, retry));
        var liveUrl = $"{(ingress.Tls ? "https" : "http")}://{input.Domain}/";
        progress.Link(links => links.LiveUrl = liveUrl);
        return progress.End(ProvisionStatus.Completed, StepOutcome.Succeeded, $"Ingress '{ingress.Name}' routes {input.Domain}.");
    }

    /// <summary>
    /// Looks at the pull request whenever the webhook says it closed and every recheck interval,
    /// until it is merged or closed or the approval timeout passes. Returns the last look (Open
    /// when the timeout passed) and who closed it, when the webhook said.
    /// </summary>
    private async Task<(PullRequestStatus Status, string? ClosedBy)> WaitForDecisionAsync(int number)
    {
        var deadline = context.CurrentUtcDateTime + input.Timings.ApprovalTimeout;
        string? closedBy = null;

        // One event wait at a time, cancelled only once the wait is over (durabletask-dotnet #508).
        using var stopWaiting = new CancellationTokenSource();
        try
        {
            var closed = context.WaitForExternalEvent<PullRequestClosed>(EventNames.PullRequestClosed, stopWaiting.Token);
            PullRequestStatus status;
            do
            {
                var recheckAt = Earliest(context.CurrentUtcDateTime + input.Timings.ApprovalRecheckInterval, deadline);
                using var stopTimer = new CancellationTokenSource();
                var recheck = context.CreateTimer(recheckAt, stopTimer.Token);
                var first = await Task.WhenAny(cancelRequested, closed, recheck);
                if (first != recheck)
                {
                    stopTimer.Cancel();
                }

                if (first == cancelRequested)
                {
                    throw await CancelledAsync(inFlight: null);
                }

                if (first == closed)
                {
                    closedBy = (await closed).ClosedBy;
                    closed = context.WaitForExternalEvent<PullRequestClosed>(EventNames.PullRequestClosed, stopWaiting.Token);
                }

                status = await CallAsync(context.CallGetPullRequestStatusActivityAsync(number, retry));
            }
            while (status.State == PullRequestState.Open && context.CurrentUtcDateTime < deadline);

            return (status, closedBy);
        }
        finally
        {
            stopWaiting.Cancel();
        }
    }

    /// <summary>The monitor pattern: look once (an activity), then a durable timer, with capped backoff, until done or the deadline.</summary>
    private async Task<(T Last, bool TimedOut)> PollAsync<T>(PollSchedule schedule, Func<Task<T>> look, Func<T, bool> isDone, Action<T> onLook)
    {
        var deadline = context.CurrentUtcDateTime + schedule.Timeout;
        var interval = schedule.FirstInterval;
        var seen = await CallAsync(look());
        onLook(seen);
        while (!isDone(seen) && context.CurrentUtcDateTime < deadline)
        {
            await SleepAsync(Earliest(context.CurrentUtcDateTime + interval, deadline));
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, schedule.MaxInterval.Ticks));
            seen = await CallAsync(look());
            onLook(seen);
        }

        return (seen, !isDone(seen));
    }

    /// <summary>Awaits an activity unless the provision is cancelled first; a failed activity fails the provision at the current step.</summary>
    private async Task<T> CallAsync<T>(Task<T> activity)
    {
        if (await Task.WhenAny(cancelRequested, activity) == cancelRequested)
        {
            throw await CancelledAsync(inFlight: activity);
        }

        try
        {
            return await activity;
        }
        catch (TaskFailedException failure)
        {
            throw await FailedAsync(failure);
        }
    }

    /// <summary>A durable timer, unless the provision is cancelled first.</summary>
    private async Task SleepAsync(DateTime until)
    {
        using var stopTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(until, stopTimer.Token);
        if (await Task.WhenAny(cancelRequested, timer) == cancelRequested)
        {
            stopTimer.Cancel();
            throw await CancelledAsync(inFlight: null);
        }
    }

    /// <summary>
    /// Ends the provision as Cancelled and closes its pull request. An activity still running (the
    /// pull request being opened) is let finish first, so the pull request it opens is closed too.
    /// </summary>
    private async Task<ProvisionEndedException> CancelledAsync(Task? inFlight)
    {
        if (inFlight is not null)
        {
            try
            {
                await inFlight;
            }
            catch (TaskFailedException)
            {
                // Whatever it left behind is found by the provision's branch.
            }

            if (inFlight is Task<PullRequestOpened> { IsCompletedSuccessfully: true } opening)
            {
                progress.PullRequestOpened((await opening).PullRequest);
            }
        }

        var closing = progress.CurrentStep.PullRequestOpen ? await ClosePullRequestAsync($"provision {input.ProvisionId} was cancelled.") : string.Empty;
        return End(ProvisionStatus.Cancelled, StepOutcome.Cancelled, "Cancelled." + closing);
    }

    /// <summary>Ends the provision as Failed at the current step, closing a pull request no one will build.</summary>
    private async Task<ProvisionEndedException> FailedAsync(TaskFailedException failure)
    {
        var step = progress.CurrentStep;
        var cause = ActivityFailure.CauseOf(failure.FailureDetails, step.Name, input.Timings.Retry.MaxAttempts);
        var closing = step.PullRequestOpen ? await ClosePullRequestAsync($"provision {input.ProvisionId} failed at the {step.Name} step.") : string.Empty;
        return new ProvisionEndedException(progress.Fail(cause, Remedies.ForCallFailure(step, input.Site, failure.FailureDetails), closing));
    }

    /// <summary>
    /// Closes the pull request of a provision that will not build it, so nobody merges it by
    /// mistake later, with the expiry path's retry policy. Best effort: the provision ends either
    /// way. Returns what to add to the step's detail.
    /// </summary>
    private async Task<string> ClosePullRequestAsync(string why)
    {
        try
        {
            var closed = await context.CallClosePullRequestActivityAsync(
                new ClosePullRequestInput(input.ProvisionId, progress.Progress.PullRequestNumber, $"Provisioner closed this pull request: {why} Start a new provision to try again."),
                retry);
            return closed ? " The pull request was closed." : string.Empty;
        }
        catch (TaskFailedException failure)
        {
            return $" The pull request could not be closed ({ActivityFailure.CauseOf(failure.FailureDetails, progress.CurrentStep.Name, input.Timings.Retry.MaxAttempts)}); close it by hand.";
        }
    }

    private ProvisionEndedException End(ProvisionStatus status, StepOutcome outcome, string detail) =>
        new(progress.End(status, outcome, detail));

    private ProvisionEndedException Fail(string cause, string remedy) => new(progress.Fail(cause, remedy));

    /// <summary>The template's build parameters, the merged commit and the provision id (how a retried trigger finds its build).</summary>
    private Dictionary<string, string> BuildParameters(PullRequestOpened opened, PullRequestStatus merged) =>
        new(opened.BuildParameters, StringComparer.Ordinal)
        {
            [BuildParameterNames.GitCommit] = merged.MergeCommitSha ?? string.Empty,
            [BuildParameterNames.ProvisionId] = input.ProvisionId,
        };

    private void TrackBuild(BuildProgress build)
    {
        if (build.BuildUrl is { } url)
        {
            progress.Link(links => links.BuildUrl = url);
        }

        progress.Note(Describe(build));
    }

    private static string Describe(BuildProgress build) => build.State switch
    {
        BuildState.Queued => $"queued ({build.Detail ?? "waiting for an executor"})",
        BuildState.Running => $"#{build.BuildNumber} running",
        BuildState.Finished => $"#{build.BuildNumber} finished {build.Result}",
        BuildState.Cancelled => $"was cancelled in the queue ({build.Detail ?? "no reason given"})",
        _ => build.State.ToString(),
    };

    private static DateTime Earliest(DateTime one, DateTime other) => one < other ? one : other;
}
