namespace Provisioner.Workflow.Model;

/// <summary>
/// A provision's progress: the orchestrator publishes it as its custom status after every change
/// and returns it as its output, and <c>GET /api/provisions/{id}</c> reads it.
/// </summary>
public sealed class ProvisionProgress
{
    /// <summary>The provision's id.</summary>
    public string ProvisionId { get; set; } = string.Empty;

    /// <summary>The normalized domain.</summary>
    public string Domain { get; set; } = string.Empty;

    /// <summary>The app type.</summary>
    public AppType AppType { get; set; }

    /// <summary>The template.</summary>
    public string TemplateId { get; set; } = string.Empty;

    /// <summary>Where the provision is.</summary>
    public ProvisionStatus Status { get; set; }

    /// <summary>Every step begun so far, in order.</summary>
    public List<StepRecord> Steps { get; set; } = [];

    /// <summary>Links to what the provision made.</summary>
    public ProvisionLinks Links { get; set; } = new();

    /// <summary>The pull request's number, once opened.</summary>
    public int? PullRequestNumber { get; set; }

    /// <summary>Which path opened the pull request (<c>rest</c> or <c>mcp</c>).</summary>
    public string? PullRequestOpenedVia { get; set; }

    /// <summary>Why the provision failed; null unless <see cref="Status"/> is Failed.</summary>
    public ProvisionFailure? Failure { get; set; }

    /// <summary>The site's Ingress, its address and the live probe, once applied.</summary>
    public IngressProgress? Ingress { get; set; }
}

/// <summary>One step of the timeline.</summary>
public sealed class StepRecord
{
    /// <summary>The step's name, one of <see cref="StepNames"/>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>How the step stands.</summary>
    public StepOutcome Outcome { get; set; }

    /// <summary>When it began (UTC, orchestration time).</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>When it ended (UTC), null while running.</summary>
    public DateTime? EndedAt { get; set; }

    /// <summary>A short note: what it made or why it ended so.</summary>
    public string? Detail { get; set; }
}

/// <summary>How a step stands.</summary>
public enum StepOutcome
{
    /// <summary>Begun, not ended.</summary>
    Running,

    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Failed; the provision failed with it.</summary>
    Failed,

    /// <summary>The pull request was closed without merging.</summary>
    Rejected,

    /// <summary>Its wait ran out.</summary>
    Expired,

    /// <summary>Someone cancelled the provision during it.</summary>
    Cancelled,
}

/// <summary>The step names of the timeline.</summary>
public static class StepNames
{
    /// <summary>Render the template and open the pull request.</summary>
    public const string PullRequest = "pull_request";

    /// <summary>Wait for the DevOps team to merge.</summary>
    public const string Approval = "approval";

    /// <summary>Ensure the Jenkins job and build.</summary>
    public const string Build = "build";

    /// <summary>Wait for the Deployment rollout.</summary>
    public const string Rollout = "rollout";

    /// <summary>Apply the Ingress.</summary>
    public const string Ingress = "ingress";
}

/// <summary>Links to what a provision made.</summary>
public sealed class ProvisionLinks
{
    /// <summary>The pull request.</summary>
    public string? PullRequestUrl { get; set; }

    /// <summary>The Jenkins build.</summary>
    public string? BuildUrl { get; set; }

    /// <summary>The live site.</summary>
    public string? LiveUrl { get; set; }
}

/// <summary>Why a provision failed.</summary>
/// <param name="Step">The step that failed.</param>
/// <param name="Cause">What went wrong.</param>
/// <param name="Remedy">What to do about it.</param>
/// <param name="Evidence">What the failed step showed (build console, pods, events), when it showed anything.</param>
public sealed record ProvisionFailure(string Step, string Cause, string Remedy, FailureEvidence? Evidence = null);
