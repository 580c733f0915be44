using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// The provisioning pipeline, top to bottom: render the template and open the pull request, wait
/// for the merge, build with Jenkins, wait for the rollout, apply the Ingress, report the live URL.
/// Deterministic: every clock, wait and side effect goes through the durable context.
/// </summary>
[DurableTask(OrchestratorNames.Provision)]
public sealed class ProvisionOrchestrator : TaskOrchestrator<ProvisionInput, ProvisionProgress>
{
    /// <inheritdoc/>
    public override async Task<ProvisionProgress> RunAsync(TaskOrchestrationContext context, ProvisionInput input)
    {
        var progress = new ProgressTracker(context, input);
        var retry = RetryOptions(input.Timings.Retry);
        try
        {
            // 1. Render the template and open the pull request; the DevOps team is asked to review.
            progress.Begin(ProvisionStatus.CreatingPullRequest, StepNames.PullRequest);
            var opened = await context.CallActivityAsync<PullRequestOpened>(ActivityNames.OpenPullRequest, input, retry);
            progress.PullRequestOpened(opened.PullRequest);
            progress.Succeed($"Pull request #{opened.PullRequest.Number} opened via {opened.PullRequest.OpenedVia}.");

            // 2. Wait, durably, for the DevOps team to merge, or for the approval timeout. GitHub has the
            //    last word: the webhook's event (or a periodic look, should a delivery be lost) only
            //    says when to read the pull request's state.
            progress.Begin(ProvisionStatus.AwaitingApproval, StepNames.Approval);
            var (decision, closedBy) = await WaitForApprovalAsync(context, opened.PullRequest.Number, input.Timings, retry);
            switch (decision.State)
            {
                case PullRequestState.Open:
                    var expired = $"No one merged pull request #{decision.Number} within {input.Timings.ApprovalTimeout}.";
                    return progress.End(ProvisionStatus.ApprovalExpired, StepOutcome.Expired,
                        expired + await CloseAbandonedPullRequestAsync(context, decision.Number, expired, retry));
                case PullRequestState.ClosedUnmerged:
                    return progress.End(ProvisionStatus.Rejected, StepOutcome.Rejected,
                        $"Pull request #{decision.Number} was closed without merging by {closedBy ?? "someone"}.");
            }

            progress.Succeed($"Merged by {decision.ClosedBy ?? closedBy ?? "someone"}.");

            // 3. Ensure the Jenkins job, build it, and wait for the build's result.
            progress.Begin(ProvisionStatus.Building, StepNames.Build);
            var parameters = BuildParameters(input, opened, decision);
            var job = await context.CallActivityAsync<BuildJobRef>(ActivityNames.EnsureBuildJob,
                new BuildJobSpec(input.Site, opened.PullRequest.Base, input.Site.RepositoryPath + "/Jenkinsfile", [.. parameters.Keys.Order(StringComparer.Ordinal)]), retry);
            var queued = await context.CallActivityAsync<QueuedBuild>(
                ActivityNames.TriggerBuild, new TriggerBuildInput(input.ProvisionId, job, parameters), retry);
            var build = await DurablePolling.PollAsync(
                context,
                input.Timings.Build,
                () => context.CallActivityAsync<BuildProgress>(ActivityNames.GetBuildProgress, queued, retry),
                isDone: b => b.State is BuildState.Finished or BuildState.Cancelled,
                onLook: b => TrackBuild(progress, b));
            if (build.TimedOut)
            {
                return progress.Fail(
                    $"The build did not finish within {input.Timings.Build.Timeout} (last seen: {Describe(build.Last)}).",
                    Remedies.ForOutcome(StepNames.Build, input.Site));
            }

            if (!build.Last.Succeeded)
            {
                return progress.Fail($"The build {Describe(build.Last)}.", Remedies.ForOutcome(StepNames.Build, input.Site));
            }

            progress.Succeed($"Build #{build.Last.BuildNumber} succeeded.");

            // 4. Wait for the Kubernetes Deployment to roll out.
            progress.Begin(ProvisionStatus.Deploying, StepNames.Rollout);
            var rollout = await DurablePolling.PollAsync(
                context,
                input.Timings.Rollout,
                () => context.CallActivityAsync<RolloutStatus>(ActivityNames.GetRolloutStatus, input.Site, retry),
                isDone: r => r.State is RolloutState.Complete or RolloutState.Failed,
                onLook: r => progress.Note(r.Message));
            if (rollout.TimedOut || rollout.Last.State == RolloutState.Failed)
            {
                var why = rollout.TimedOut
                    ? $"The rollout did not finish within {input.Timings.Rollout.Timeout}: {rollout.Last.Message}"
                    : $"The rollout failed: {rollout.Last.Message}";
                return progress.Fail(why, Remedies.ForOutcome(StepNames.Rollout, input.Site));
            }

            progress.Succeed(rollout.Last.Message);

            // 5. Apply the Ingress from its template and report the live URL.
            progress.Begin(ProvisionStatus.ConfiguringIngress, StepNames.Ingress);
            var ingress = await context.CallActivityAsync<AppliedIngress>(ActivityNames.ApplyIngress, input, retry);
            var liveUrl = $"{(ingress.Tls ? "https" : "http")}://{input.Domain}/";
            progress.Link(links => links.LiveUrl = liveUrl);
            return progress.End(ProvisionStatus.Completed, StepOutcome.Succeeded, $"Ingress '{ingress.Name}' routes {input.Domain}.");
        }
        catch (TaskFailedException failure)
        {
            var step = progress.CurrentStep;
            return progress.Fail(
                ActivityFailure.CauseOf(failure.FailureDetails, step, input.Timings.Retry.MaxAttempts),
                Remedies.ForCallFailure(step, input.Site, failure.FailureDetails));
        }
    }

    /// <summary>
    /// Waits for the pull request to be merged or closed, looking at it whenever the webhook says
    /// it closed and every recheck interval, until the approval timeout. Returns the last look (Open
    /// when the timeout passed) and who closed it, when the webhook said.
    /// </summary>
    private static async Task<(PullRequestStatus Status, string? ClosedBy)> WaitForApprovalAsync(
        TaskOrchestrationContext context, int number, ProvisionTimings timings, TaskOptions retry)
    {
        var deadline = context.CurrentUtcDateTime + timings.ApprovalTimeout;
        string? closedBy = null;

        // One event wait at a time, cancelled only once the wait is over: in the isolated worker a
        // cancelled wait can still swallow a later event (durabletask-dotnet #508).
        using var stopWaiting = new CancellationTokenSource();
        var closed = context.WaitForExternalEvent<PullRequestClosed>(EventNames.PullRequestClosed, stopWaiting.Token);
        while (true)
        {
            var recheckAt = context.CurrentUtcDateTime + timings.ApprovalRecheckInterval;
            using var stopTimer = new CancellationTokenSource();
            var recheck = context.CreateTimer(recheckAt < deadline ? recheckAt : deadline, stopTimer.Token);
            if (await Task.WhenAny(closed, recheck) == closed)
            {
                stopTimer.Cancel();
                closedBy = (await closed).ClosedBy;
                closed = context.WaitForExternalEvent<PullRequestClosed>(EventNames.PullRequestClosed, stopWaiting.Token);
            }

            var status = await context.CallActivityAsync<PullRequestStatus>(ActivityNames.GetPullRequestStatus, number, retry);
            if (status.State != PullRequestState.Open || context.CurrentUtcDateTime >= deadline)
            {
                stopWaiting.Cancel();
                return (status, closedBy);
            }
        }
    }

    /// <summary>
    /// Closes a pull request no provision will build, so nobody merges it by mistake later. Best
    /// effort: the provision has ended either way; returns what to add to the step's detail.
    /// </summary>
    private static async Task<string> CloseAbandonedPullRequestAsync(TaskOrchestrationContext context, int number, string why, TaskOptions retry)
    {
        try
        {
            await context.CallActivityAsync<bool>(ActivityNames.ClosePullRequest,
                new ClosePullRequestInput(number, $"Provisioner closed this pull request: {why} Start a new provision to try again."), retry);
            return " The pull request was closed.";
        }
        catch (TaskFailedException failure)
        {
            return $" The pull request could not be closed ({ActivityFailure.CauseOf(failure.FailureDetails, StepNames.Approval, 1)}); close it by hand.";
        }
    }

    /// <summary>The template's build parameters, the merged commit and the provision id (how a retried trigger finds its build).</summary>
    private static Dictionary<string, string> BuildParameters(ProvisionInput input, PullRequestOpened opened, PullRequestStatus merged) =>
        new(opened.BuildParameters, StringComparer.Ordinal)
        {
            [BuildParameterNames.GitCommit] = merged.MergeCommitSha ?? string.Empty,
            [BuildParameterNames.ProvisionId] = input.ProvisionId,
        };

    private static void TrackBuild(ProgressTracker progress, BuildProgress build)
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

    private static TaskOptions RetryOptions(ActivityRetry retry) => TaskOptions.FromRetryPolicy(
        new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, backoffCoefficient: 2.0, maxRetryInterval: retry.MaxInterval)
        {
            HandleFailure = failure => !ActivityFailure.IsPermanent(failure),
        });
}
