using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// One step of the pipeline: its name on the timeline, the status a provision shows while in it,
/// and the runbook line for when an integration call of the step fails.
/// </summary>
internal sealed class ProvisionStep
{
    private ProvisionStep(string name, ProvisionStatus status, Func<SiteIdentity, string> runbook, bool pullRequestOpen)
    {
        Name = name;
        Status = status;
        Runbook = runbook;
        PullRequestOpen = pullRequestOpen;
    }

    /// <summary>Render the template and open the pull request.</summary>
    public static ProvisionStep PullRequest { get; } = new(StepNames.PullRequest, ProvisionStatus.CreatingPullRequest, Remedies.GitHub, pullRequestOpen: true);

    /// <summary>Wait for the DevOps team to merge.</summary>
    public static ProvisionStep Approval { get; } = new(StepNames.Approval, ProvisionStatus.AwaitingApproval, Remedies.GitHub, pullRequestOpen: true);

    /// <summary>Ensure the Jenkins job, build, wait for the result.</summary>
    public static ProvisionStep Build { get; } = new(StepNames.Build, ProvisionStatus.Building, Remedies.Jenkins, pullRequestOpen: false);

    /// <summary>Wait for the Deployment to roll out.</summary>
    public static ProvisionStep Rollout { get; } = new(StepNames.Rollout, ProvisionStatus.Deploying, Remedies.Rollout, pullRequestOpen: false);

    /// <summary>Apply the Ingress.</summary>
    public static ProvisionStep Ingress { get; } = new(StepNames.Ingress, ProvisionStatus.ConfiguringIngress, Remedies.Ingress, pullRequestOpen: false);

    /// <summary>The step's name on the timeline (<see cref="StepNames"/>).</summary>
    public string Name { get; }

    /// <summary>The provision's status during the step.</summary>
    public ProvisionStatus Status { get; }

    /// <summary>What an operator should check when the step's integration call fails.</summary>
    public Func<SiteIdentity, string> Runbook { get; }

    /// <summary>True while the provision's pull request may be open (not merged yet): a provision ending here closes it.</summary>
    public bool PullRequestOpen { get; }
}
