using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// The input of one provision. Timings travel in the input, not in configuration the orchestrator
/// reads, so a replay always sees the values the run started with.
/// </summary>
/// <param name="ProvisionId">The provision's id, also its durable instance id.</param>
/// <param name="Domain">The normalized domain.</param>
/// <param name="AppType">The app type.</param>
/// <param name="TemplateId">The template.</param>
/// <param name="Site">The site's derived names.</param>
/// <param name="Timings">Timeouts, poll intervals and retry settings.</param>
public sealed record ProvisionInput(
    string ProvisionId,
    string Domain,
    AppType AppType,
    string TemplateId,
    SiteIdentity Site,
    ProvisionTimings Timings);

/// <summary>How long each wait may take and how often to look.</summary>
/// <param name="ApprovalTimeout">How long the pull request may wait for a merge.</param>
/// <param name="ApprovalRecheckInterval">How often to look at the pull request while waiting, in case a webhook delivery is lost.</param>
/// <param name="Build">Polling of the Jenkins queue item and build.</param>
/// <param name="Rollout">Polling of the Deployment rollout.</param>
/// <param name="Retry">Retries of transient activity failures.</param>
public sealed record ProvisionTimings(
    TimeSpan ApprovalTimeout,
    TimeSpan ApprovalRecheckInterval,
    PollSchedule Build,
    PollSchedule Rollout,
    ActivityRetry Retry)
{
    /// <summary>The defaults: a week for approval, an hour for the build, 15 minutes for the rollout, 10 minutes each for the ingress address and the live probe.</summary>
    public static ProvisionTimings Default { get; } = new(
        TimeSpan.FromDays(7),
        TimeSpan.FromHours(1),
        new PollSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60), TimeSpan.FromHours(1)),
        new PollSchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15)),
        new ActivityRetry(5, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2)));

    // The two below are not positional so that the input of a provision started before they existed
    // still reads (with these defaults) when it replays.

    /// <summary>Polling of the Ingress's load-balancer address after it is applied.</summary>
    public PollSchedule IngressAddress { get; init; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    /// <summary>Probing of the live site through the ingress address; a zero timeout turns the probe off.</summary>
    public PollSchedule LiveProbe { get; init; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
}

/// <summary>Capped exponential backoff between looks, until a deadline.</summary>
/// <param name="FirstInterval">The wait after the first look.</param>
/// <param name="MaxInterval">The longest wait between looks.</param>
/// <param name="Timeout">How long to keep looking.</param>
public sealed record PollSchedule(TimeSpan FirstInterval, TimeSpan MaxInterval, TimeSpan Timeout);

/// <summary>Retry policy for transient activity failures.</summary>
/// <param name="MaxAttempts">Attempts in all, the first included.</param>
/// <param name="FirstInterval">The wait before the first retry; it doubles after each.</param>
/// <param name="MaxInterval">The longest wait between attempts.</param>
public sealed record ActivityRetry(int MaxAttempts, TimeSpan FirstInterval, TimeSpan MaxInterval);
