namespace Provisioner.Workflow.Model;

/// <summary>Where a provision is; the names are the API's.</summary>
public enum ProvisionStatus
{
    /// <summary>Accepted; the orchestration has not started its first step.</summary>
    Pending,

    /// <summary>Rendering the template and opening the pull request.</summary>
    CreatingPullRequest,

    /// <summary>Waiting for the DevOps team to merge the pull request.</summary>
    AwaitingApproval,

    /// <summary>Ensuring the Jenkins job and waiting for its build.</summary>
    Building,

    /// <summary>Waiting for the Kubernetes Deployment to roll out.</summary>
    Deploying,

    /// <summary>Applying the Ingress.</summary>
    ConfiguringIngress,

    /// <summary>The site is live.</summary>
    Completed,

    /// <summary>A step failed; see the failure's step, cause and remedy.</summary>
    Failed,

    /// <summary>The pull request was closed without being merged.</summary>
    Rejected,

    /// <summary>Nobody merged the pull request before the approval timeout.</summary>
    ApprovalExpired,

    /// <summary>Someone cancelled the provision.</summary>
    Cancelled,
}

/// <summary>Helpers over <see cref="ProvisionStatus"/>.</summary>
public static class ProvisionStatusExtensions
{
    /// <summary>True for the states a provision never leaves.</summary>
    public static bool IsTerminal(this ProvisionStatus status) => status is
        ProvisionStatus.Completed or ProvisionStatus.Failed or ProvisionStatus.Rejected or
        ProvisionStatus.ApprovalExpired or ProvisionStatus.Cancelled;
}
