using Microsoft.DurableTask.Client;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Api;

/// <summary>A provision as <c>GET /api/provisions/{id}</c> returns it.</summary>
/// <param name="ProvisionId">The id.</param>
/// <param name="Domain">The domain.</param>
/// <param name="AppType">frontend or backend.</param>
/// <param name="TemplateId">The template.</param>
/// <param name="Status">Where it is (see <see cref="ProvisionStatus"/>).</param>
/// <param name="CreatedAt">When it was accepted (UTC).</param>
/// <param name="LastUpdatedAt">When it last changed (UTC).</param>
/// <param name="Timeline">Its steps with UTC start and end.</param>
/// <param name="Links">Links to what it made and to itself.</param>
/// <param name="PullRequestOpenedVia">rest or mcp.</param>
/// <param name="Failure">Step, cause and remedy when it failed.</param>
public sealed record ProvisionView(
    string ProvisionId,
    string Domain,
    string AppType,
    string TemplateId,
    string Status,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    IReadOnlyList<StepView> Timeline,
    LinksView Links,
    string? PullRequestOpenedVia,
    ProvisionFailure? Failure)
{
    /// <summary>Builds the view from the durable instance of a provision.</summary>
    internal static ProvisionView From(OrchestrationMetadata instance, ProvisionInput input, Uri baseUrl)
    {
        // A domain lock stands in for its provision until the sub-orchestration starts: Pending.
        var isLock = instance.Name != OrchestratorNames.Provision;
        var progress = isLock ? null
            : instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
                ? instance.ReadOutputAs<ProvisionProgress>()
                : instance.ReadCustomStatusAs<ProvisionProgress>();
        progress ??= new ProvisionProgress { Status = ProvisionStatus.Pending };

        var status = progress.Status;
        var failure = progress.Failure;
        var steps = progress.Steps.Select(StepView.From).ToList();
        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Terminated:
                status = ProvisionStatus.Cancelled;
                steps = steps.Select(s => s.Outcome == nameof(StepOutcome.Running)
                    ? s with { Outcome = nameof(StepOutcome.Cancelled), EndedAt = instance.LastUpdatedAt.UtcDateTime }
                    : s).ToList();
                break;
            case OrchestrationRuntimeStatus.Failed:
                // A defect, not an integration failure (those end the orchestration normally as Failed).
                var step = steps.LastOrDefault(s => s.Outcome == nameof(StepOutcome.Running))?.Name ?? StepNames.PullRequest;
                status = ProvisionStatus.Failed;
                failure = new ProvisionFailure(step,
                    $"The provisioning workflow stopped unexpectedly ({instance.FailureDetails?.ErrorType ?? "unknown error"}).",
                    "Report the provision id to the platform team; the Functions logs hold the details.");
                break;
        }

        var self = ProvisionRequestReader.SelfUrl(baseUrl, input.ProvisionId);
        return new ProvisionView(
            input.ProvisionId,
            input.Domain,
            input.AppType.ToWire(),
            input.TemplateId,
            status.ToString(),
            instance.CreatedAt.UtcDateTime,
            instance.LastUpdatedAt.UtcDateTime,
            steps,
            new LinksView(self, status.IsTerminal() ? null : self + "/cancel", progress.Links.PullRequestUrl, progress.Links.BuildUrl, progress.Links.LiveUrl),
            progress.PullRequestOpenedVia,
            failure);
    }
}

/// <summary>One step of the timeline.</summary>
/// <param name="Name">The step.</param>
/// <param name="Outcome">Running, Succeeded, Failed, Rejected, Expired or Cancelled.</param>
/// <param name="StartedAt">UTC start.</param>
/// <param name="EndedAt">UTC end, null while running.</param>
/// <param name="Detail">A short note.</param>
public sealed record StepView(string Name, string Outcome, DateTime StartedAt, DateTime? EndedAt, string? Detail)
{
    internal static StepView From(StepRecord step) =>
        new(step.Name, step.Outcome.ToString(), DateTime.SpecifyKind(step.StartedAt, DateTimeKind.Utc),
            step.EndedAt is { } ended ? DateTime.SpecifyKind(ended, DateTimeKind.Utc) : null, step.Detail);
}

/// <summary>Links of a provision.</summary>
/// <param name="Self">This provision's status.</param>
/// <param name="Cancel">POST here to cancel it, while it runs.</param>
/// <param name="PrUrl">The pull request.</param>
/// <param name="BuildUrl">The Jenkins build.</param>
/// <param name="LiveUrl">The live site.</param>
public sealed record LinksView(string Self, string? Cancel, string? PrUrl, string? BuildUrl, string? LiveUrl);
