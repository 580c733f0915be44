using Microsoft.DurableTask.Client;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Provisions;

/// <summary>A provision as its durable instances show it: the read model every status answer is made from.</summary>
/// <param name="ProvisionId">The id.</param>
/// <param name="Domain">The domain.</param>
/// <param name="AppType">The app type.</param>
/// <param name="TemplateId">The template.</param>
/// <param name="Status">Where it is.</param>
/// <param name="CreatedAt">When it was accepted (UTC).</param>
/// <param name="LastUpdatedAt">When it last changed (UTC).</param>
/// <param name="Timeline">Its steps with UTC start and end.</param>
/// <param name="PullRequestUrl">The pull request, once opened.</param>
/// <param name="BuildUrl">The Jenkins build, once started.</param>
/// <param name="LiveUrl">The live site, once routed.</param>
/// <param name="PullRequestOpenedVia">rest or mcp.</param>
/// <param name="Failure">Step, cause, remedy and evidence when it failed.</param>
/// <param name="Ingress">The site's Ingress, its address and the live probe, once applied.</param>
public sealed record ProvisionView(
    string ProvisionId,
    string Domain,
    AppType AppType,
    string TemplateId,
    ProvisionStatus Status,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    IReadOnlyList<StepView> Timeline,
    string? PullRequestUrl,
    string? BuildUrl,
    string? LiveUrl,
    string? PullRequestOpenedVia,
    ProvisionFailure? Failure,
    IngressProgress? Ingress)
{
    /// <summary>
    /// Builds the view from the provision's durable instance, or from its domain lock while the
    /// provision exists only as the lock's input (Pending, or Cancelled before it started).
    /// </summary>
    internal static ProvisionView From(OrchestrationMetadata instance, ProvisionInput input)
    {
        var progress = ProgressOf(instance) ?? new ProvisionProgress { Status = ProvisionStatus.Pending };
        var status = progress.Status;
        var failure = progress.Failure;
        var steps = progress.Steps.Select(StepView.From).ToList();
        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Terminated:
                // Terminated through the Durable API: to the user, a cancel.
                status = ProvisionStatus.Cancelled;
                steps = steps.Select(s => s.Outcome == StepOutcome.Running
                    ? s with { Outcome = StepOutcome.Cancelled, EndedAt = instance.LastUpdatedAt.UtcDateTime }
                    : s).ToList();
                break;
            case OrchestrationRuntimeStatus.Failed:
                // A defect, not an integration failure (those end the orchestration normally as Failed).
                var step = steps.LastOrDefault(s => s.Outcome == StepOutcome.Running)?.Name ?? StepNames.PullRequest;
                status = ProvisionStatus.Failed;
                failure = new ProvisionFailure(step,
                    $"The provisioning workflow stopped unexpectedly ({instance.FailureDetails?.ErrorType ?? "unknown error"}).",
                    "Report the provision id to the platform team; the Functions logs hold the details.");
                break;
        }

        return new ProvisionView(
            input.ProvisionId,
            input.Domain,
            input.AppType,
            input.TemplateId,
            status,
            instance.CreatedAt.UtcDateTime,
            instance.LastUpdatedAt.UtcDateTime,
            steps,
            progress.Links.PullRequestUrl,
            progress.Links.BuildUrl,
            progress.Links.LiveUrl,
            progress.PullRequestOpenedVia,
            failure,
            progress.Ingress);
    }

    private static ProvisionProgress? ProgressOf(OrchestrationMetadata instance) =>
        instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? instance.ReadOutputAs<ProvisionProgress>()
            : instance.Name == ProvisionOrchestrator.Name ? instance.ReadCustomStatusAs<ProvisionProgress>() : null;
}

/// <summary>One step of the timeline.</summary>
/// <param name="Name">The step (<see cref="StepNames"/>).</param>
/// <param name="Outcome">How it stands.</param>
/// <param name="StartedAt">UTC start.</param>
/// <param name="EndedAt">UTC end, null while running.</param>
/// <param name="Detail">A short note.</param>
public sealed record StepView(string Name, StepOutcome Outcome, DateTime StartedAt, DateTime? EndedAt, string? Detail)
{
    internal static StepView From(StepRecord step) =>
        new(step.Name, step.Outcome, DateTime.SpecifyKind(step.StartedAt, DateTimeKind.Utc),
            step.EndedAt is { } ended ? DateTime.SpecifyKind(ended, DateTimeKind.Utc) : null, step.Detail);
}
