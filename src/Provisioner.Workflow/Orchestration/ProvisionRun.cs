using Microsoft.DurableTask;
using Provisioner.Workflow.Hosting;
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

    /// <summary>
    /// 3. Ensures the Jenkins job, builds the merge commit, and waits for the build's result. A build
    /// that does not succeed fails the step with its result, URL and console tail as evidence.
    /// </summary>
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
            throw Fail($"The build did not finish within {input.Timings.Build.Timeout} (last seen: {Describe(build.Last)}).",
                Remedies.SlowBuild(input.Site), EvidenceBudget.OfBuild(build.Last));
        }

        if (!build.Last.Succeeded)
        {
            throw Fail($"The build {Describe(build.Last)}.", Remedies.FailedBuild(input.Site), EvidenceBudget.OfBuild(build.Last));
        }

        progress.Succeed($"Build #{build.Last.BuildNumber} succeeded.");
    }

    /// <summary>
    /// 4. Waits for the Kubernetes Deployment to roll out. A rollout that fails or does not finish
    /// fails the step with the Deployment's unready pods and Warning events as evidence.
    /// </summary>
    public async Task RollOutAsync()
    {
        progress.Begin(ProvisionStep.Rollout);
        var rollout = await PollAsync(
            input.Timings.Rollout,
            () => context.CallGetRolloutStatusActivityAsync(input.Site, retry),
            isDone: r => r.State is RolloutState.Complete or RolloutState.Failed,
            onLook: r => progress.Note(r.Message));
        if (rollout.Last.State == RolloutState.Complete)
        {
            progress.Succeed(rollout.Last.Message);
            return;
        }

        if (rollout.Last.State == RolloutState.NotFound)
        {
            throw Fail($"Deployment {input.Site.Namespace}/{input.Site.AppName} did not appear within {input.Timings.Rollout.Timeout}: " +
                "the build succeeded but never applied it.", Remedies.DeploymentNeverApplied(input.Site));
        }

        var cause = rollout.TimedOut
            ? $"The rollout did not finish within {input.Timings.Rollout.Timeout}: {rollout.Last.Message}"
            : $"The rollout failed: {rollout.Last.Message}";
        var (evidence, unreadable) = await DescribeRolloutAsync();
        throw Fail(cause + unreadable, Remedies.UnhealthyDeployment(input.Site), evidence);
    }

    /// <summary>
    /// 5. Applies the Ingress from its template, waits for the ingress controller's address, probes
    /// the site through it until it answers (unless the probe is off) and reports the live URL.
    /// </summary>
    public async Task<ProvisionProgress> ConfigureIngressAsync()
    {
        progress.Begin(ProvisionStep.Ingress);
        var ingress = await CallAsync(context.CallApplyIngressActivityAsync(input, retry));
        progress.IngressApplied(ingress.Name);
        var address = await AwaitIngressAddressAsync(ingress);
        var liveUrl = $"{(ingress.Tls ? "https" : "http")}://{input.Domain}/";
        var answered = await ProbeLiveSiteAsync(ingress, address, liveUrl);
        progress.Link(links => links.LiveUrl = liveUrl);
        return progress.End(ProvisionStatus.Completed, StepOutcome.Succeeded, $"Ingress '{ingress.Name}' routes {input.Domain} at {Endpoint(address)}; {answered}");
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

    /// <summary>Looks at the Ingress until the ingress controller gives it an address, or fails the step at the deadline.</summary>
    private async Task<IngressAddress> AwaitIngressAddressAsync(AppliedIngress ingress)
    {
        var query = new IngressAddressQuery(input.Site.Namespace, ingress.Name);
        var look = await PollAsync(
            input.Timings.IngressAddress,
            () => context.CallGetIngressAddressActivityAsync(query, retry),
            isDone: a => a is not null,
            onLook: a =>
            {
                if (a is not null)
                {
                    progress.IngressAddressed(Endpoint(a));
                }
            });
        return look.Last ?? throw Fail(
            $"The ingress controller gave no address to Ingress {input.Site.Namespace}/{ingress.Name} within {input.Timings.IngressAddress.Timeout} " +
            $"for class '{ingress.ClassName ?? "(none set)"}': check the controller and the class.",
            Remedies.NoIngressAddress(input.Site, ingress));
    }

    /// <summary>
    /// Probes the site through the ingress address until it answers, or fails the step at the
    /// deadline (<see cref="ProvisionTimings.LiveProbe"/>; a zero timeout turns the probe off).
    /// Returns what to say of it.
    /// </summary>
    private async Task<string> ProbeLiveSiteAsync(AppliedIngress ingress, IngressAddress address, string liveUrl)
    {
        if (input.Timings.LiveProbe.Timeout <= TimeSpan.Zero)
        {
            return $"the live probe is off ({SettingNames.LiveProbeTimeout}=0).";
        }

        var request = new LiveProbeRequest(input.Domain, address, ingress.Tls);
        var probe = await PollAsync(
            input.Timings.LiveProbe,
            () => context.CallProbeLiveSiteActivityAsync(request, retry),
            isDone: p => p.Reachable,
            onLook: progress.Probed);
        if (probe.TimedOut)
        {
            throw Fail($"{liveUrl} did not answer through the ingress at {Endpoint(address)} within {input.Timings.LiveProbe.Timeout}: {probe.Last.Detail}",
                Remedies.Unreachable(input.Site, address.Address));
        }

        return probe.Last.Detail;
    }

    /// <summary>
    /// Reads the unhealthy rollout's pods and events once, as evidence. Best effort: when they
    /// cannot be read the rollout's own failure still stands, with a note saying why they are missing.
    /// </summary>
    private async Task<(FailureEvidence? Evidence, string Unreadable)> DescribeRolloutAsync()
    {
        try
        {
            return (EvidenceBudget.OfRollout(await UnlessCancelledAsync(context.CallDescribeRolloutActivityAsync(input.Site, retry))), string.Empty);
        }
        catch (TaskFailedException failure)
        {
            return (null, $" (Its pods and events could not be read: {ActivityFailure.CauseOf(failure.FailureDetails, progress.CurrentStep.Name, input.Timings.Retry.MaxAttempts)})");
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
        try
        {
            return await UnlessCancelledAsync(activity);
        }
        catch (TaskFailedException failure)
        {
            throw await FailedAsync(failure);
        }
    }

    /// <summary>Awaits an activity unless the provision is cancelled first (then it ends Cancelled); a failed activity throws its <see cref="TaskFailedException"/>.</summary>
    private async Task<T> UnlessCancelledAsync<T>(Task<T> activity)
    {
        if (await Task.WhenAny(cancelRequested, activity) == cancelRequested)
        {
            throw await CancelledAsync(inFlight: activity);
        }

        return await activity;
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

    private ProvisionEndedException Fail(string cause, string remedy, FailureEvidence? evidence = null) => new(progress.Fail(cause, remedy, evidence: evidence));

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

    /// <summary>Where the ingress controller serves the site, as people write it: the address, with the port when it reported one.</summary>
    private static string Endpoint(IngressAddress address) => address.Port switch
    {
        null => address.Address,
        { } port when address.Address.Contains(':', StringComparison.Ordinal) => $"[{address.Address}]:{port}",
        { } port => $"{address.Address}:{port}",
    };

    private static DateTime Earliest(DateTime one, DateTime other) => one < other ? one : other;
}
