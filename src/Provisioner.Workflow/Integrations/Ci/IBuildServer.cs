using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Integrations.Ci;

/// <summary>The CI server (Jenkins) that builds the site's image and rolls its Deployment.</summary>
public interface IBuildServer
{
    /// <summary>
    /// Creates the site's job (and its folder), or updates it when its definition differs from
    /// <paramref name="spec"/>. Safe to call twice.
    /// </summary>
    Task<BuildJobRef> EnsureJobAsync(BuildJobSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a build of the job with these parameters, once per provision: a retried call for the
    /// same <paramref name="provisionId"/> must find the build it queued (queued or started) and
    /// return it, not queue a second one.
    /// </summary>
    Task<QueuedBuild> TriggerBuildAsync(string provisionId, BuildJobRef job, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken);

    /// <summary>
    /// Looks once at a queued build: still queued, running, finished or cancelled. A build that
    /// finished without success, or was cancelled, comes with the tail of its console log.
    /// </summary>
    Task<BuildProgress> GetBuildProgressAsync(QueuedBuild build, CancellationToken cancellationToken);
}

/// <summary>What the site's job is: a pipeline that runs the site's Jenkinsfile from the sites repository.</summary>
/// <param name="Site">The site; its <see cref="SiteIdentity.AppName"/> names the job.</param>
/// <param name="Repository">The sites repository and the branch the job builds.</param>
/// <param name="ScriptPath">The Jenkinsfile's path in the repository, e.g. <c>sites/shop.example.com/Jenkinsfile</c>.</param>
/// <param name="ParameterNames">Every parameter a build is given; the job declares each, so the first build can take them.</param>
public sealed record BuildJobSpec(SiteIdentity Site, SourceRepository Repository, string ScriptPath, IReadOnlyList<string> ParameterNames);
/// <summary>The build parameters every site build gets, whatever its template.</summary>
public static class BuildParameterNames
{
    /// <summary>The provision the build is for; a retried trigger finds its build by it.</summary>
    public const string ProvisionId = "PROVISION_ID";

    /// <summary>The merge commit to build.</summary>
    public const string GitCommit = "GIT_COMMIT";
}

/// <summary>A CI job.</summary>
/// <param name="FullName">Its full name, folders included, e.g. <c>sites/shop-example-com</c>.</param>
/// <param name="Url">Its web URL.</param>
public sealed record BuildJobRef(string FullName, string Url);

/// <summary>A build waiting in (or leaving) the CI queue.</summary>
/// <param name="Job">The job it builds.</param>
/// <param name="QueueItemId">The queue item's id.</param>
/// <param name="QueueItemUrl">The queue item's URL.</param>
/// <param name="ProvisionId">The provision it builds (its <c>PROVISION_ID</c> parameter): how the build is found once the queue forgets the item.</param>
public sealed record QueuedBuild(BuildJobRef Job, long QueueItemId, string QueueItemUrl, string ProvisionId);

/// <summary>Where a build is.</summary>
public enum BuildState
{
    /// <summary>Still in the queue.</summary>
    Queued,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Finished with a result.</summary>
    Finished,

    /// <summary>Removed from the queue before it started.</summary>
    Cancelled,
}

/// <summary>One look at a build.</summary>
/// <param name="State">Where it is.</param>
/// <param name="BuildNumber">Its number once started.</param>
/// <param name="BuildUrl">Its URL once started.</param>
/// <param name="Result">Jenkins' result once finished: SUCCESS, FAILURE, UNSTABLE, ABORTED.</param>
/// <param name="Detail">Why it waits, or what happened.</param>
/// <param name="ConsoleTail">The last lines of the console log of a build that finished without success or was cancelled; null otherwise.</param>
public sealed record BuildProgress(BuildState State, int? BuildNumber, string? BuildUrl, string? Result, string? Detail, IReadOnlyList<string>? ConsoleTail = null)
{
    /// <summary>True when the build finished with SUCCESS.</summary>
    public bool Succeeded => State == BuildState.Finished && Result == "SUCCESS";
}
