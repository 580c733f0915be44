using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
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
            progress.OpenedVia(opened.PullRequest.OpenedVia);
            progress.Link(links => links.PullRequestUrl = opened.PullRequest.Url);
            progress.Succeed($"Pull request #{opened.PullRequest.Number} opened via {opened.PullRequest.OpenedVia}.");

            // 2. Wait, durably, for the merge that the GitHub webhook reports, or for the approval timeout.
            progress.Begin(ProvisionStatus.AwaitingApproval, StepNames.Approval);
            var closed = await WaitForPullRequestClosedAsync(context, input.Timings.ApprovalTimeout);
            if (closed is null)
            {
                return progress.End(ProvisionStatus.ApprovalExpired, StepOutcome.Expired,
                    $"No one merged pull request #{opened.PullRequest.Number} within {input.Timings.ApprovalTimeout}.");
            }

            if (!closed.Merged)
            {
                return progress.End(ProvisionStatus.Rejected, StepOutcome.Rejected,
                    $"Pull request #{closed.Number} was closed without merging by {closed.ClosedBy ?? "someone"}.");
            }

            progress.Succeed($"Merged by {closed.ClosedBy ?? "someone"}.");

            // 3. Ensure the Jenkins job, build it, and wait for the build's result.
            progress.Begin(ProvisionStatus.Building, StepNames.Build);
            var job = await context.CallActivityAsync<BuildJobRef>(ActivityNames.EnsureBuildJob, input.Site, retry);
            var queued = await context.CallActivityAsync<QueuedBuild>(
                ActivityNames.TriggerBuild, new TriggerBuildInput(job, BuildParameters(opened, closed)), retry);
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
            return progress.Complete($"Ingress '{ingress.Name}' routes {input.Domain}.");
        }
        catch (TaskFailedException failure)
        {
            var step = progress.CurrentStep ?? StepNames.PullRequest;
            return progress.Fail(CauseOf(failure, input.Timings.Retry), Remedies.ForCallFailure(step, input.Site, failure.FailureDetails));
        }
    }

    private static async Task<PullRequestClosed?> WaitForPullRequestClosedAsync(TaskOrchestrationContext context, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource();
        var closed = context.WaitForExternalEvent<PullRequestClosed>(EventNames.PullRequestClosed, cancel.Token);
        var expired = context.CreateTimer(context.CurrentUtcDateTime + timeout, cancel.Token);
        var first = await Task.WhenAny(closed, expired);
        cancel.Cancel();
        return first == closed ? await closed : null;
    }

    private static Dictionary<string, string> BuildParameters(PullRequestOpened opened, PullRequestClosed merged)
    {
        var parameters = new Dictionary<string, string>(opened.BuildParameters, StringComparer.Ordinal);
        if (merged.MergeCommitSha is { Length: > 0 } sha)
        {
            parameters["GIT_COMMIT"] = sha;
        }

        return parameters;
    }

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

    private static string CauseOf(TaskFailedException failure, ActivityRetry retry)
    {
        var details = failure.FailureDetails;
        return details.IsCausedBy<PermanentIntegrationException>()
            ? details.ErrorMessage
            : $"{details.ErrorMessage} (gave up after {retry.MaxAttempts} attempts)";
    }

    private static TaskOptions RetryOptions(ActivityRetry retry) => TaskOptions.FromRetryPolicy(
        new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, backoffCoefficient: 2.0, maxRetryInterval: retry.MaxInterval)
        {
            HandleFailure = failure => !failure.IsCausedBy<PermanentIntegrationException>(),
        });
}
