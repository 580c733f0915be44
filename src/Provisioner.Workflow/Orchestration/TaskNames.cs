namespace Provisioner.Workflow.Orchestration;

/// <summary>Names the durable engine knows the orchestrators by; the Functions app binds the same names.</summary>
public static class OrchestratorNames
{
    /// <summary>The provisioning pipeline.</summary>
    public const string Provision = "Provision";

    /// <summary>Holds a domain's lock while its provision runs.</summary>
    public const string DomainLock = "DomainLock";

    /// <summary>Delivers one webhook delivery's event to its provision, once per delivery id.</summary>
    public const string PullRequestClosedDelivery = "PullRequestClosedDelivery";
}

/// <summary>Names of the activities the pipeline calls.</summary>
public static class ActivityNames
{
    /// <summary>Renders the template and opens the pull request.</summary>
    public const string OpenPullRequest = "OpenPullRequest";

    /// <summary>Looks once at the provision's pull request on GitHub.</summary>
    public const string GetPullRequestStatus = "GetPullRequestStatus";

    /// <summary>Closes the provision's pull request with a comment saying why.</summary>
    public const string ClosePullRequest = "ClosePullRequest";

    /// <summary>Creates or updates the site's Jenkins job.</summary>
    public const string EnsureBuildJob = "EnsureBuildJob";

    /// <summary>Queues the site's build.</summary>
    public const string TriggerBuild = "TriggerBuild";

    /// <summary>Looks once at the queued or running build.</summary>
    public const string GetBuildProgress = "GetBuildProgress";

    /// <summary>Looks once at the Deployment rollout.</summary>
    public const string GetRolloutStatus = "GetRolloutStatus";

    /// <summary>Renders and applies the Ingress.</summary>
    public const string ApplyIngress = "ApplyIngress";
}

/// <summary>Names of the external events a provision waits for.</summary>
public static class EventNames
{
    /// <summary>
    /// The provision's pull request was closed, merged or not; raised by the GitHub webhook. A hint
    /// to look at the pull request now, not proof: the orchestrator confirms with GitHub.
    /// </summary>
    public const string PullRequestClosed = "PullRequestClosed";
}
