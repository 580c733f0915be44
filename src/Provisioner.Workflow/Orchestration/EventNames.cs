namespace Provisioner.Workflow.Orchestration;

/// <summary>Names of the external events the orchestrations wait for.</summary>
public static class EventNames
{
    /// <summary>
    /// The provision's pull request was closed, merged or not; raised by the GitHub webhook. A hint
    /// to look at the pull request now, not proof: the orchestrator confirms with GitHub.
    /// </summary>
    public const string PullRequestClosed = "PullRequestClosed";

    /// <summary>
    /// Someone asked to cancel the provision (<see cref="CancelRequest"/>). Raised on the domain's
    /// lock, which exists from the moment the provision is accepted, and forwarded by the lock to
    /// the provision; the provision handles it at whatever step it is.
    /// </summary>
    public const string Cancel = "Cancel";
}
