using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Api.Contracts;

/// <summary>Why a provision failed, as <c>GET /api/provisions/{id}</c> returns it.</summary>
/// <param name="Step">The step that failed.</param>
/// <param name="Cause">What went wrong.</param>
/// <param name="Remedy">What to do about it.</param>
/// <param name="Evidence">What the failed step showed; absent when it showed nothing.</param>
public sealed record FailureResponse(string Step, string Cause, string Remedy, EvidenceResponse? Evidence)
{
    /// <summary>The response for a provision's failure.</summary>
    public static FailureResponse From(ProvisionFailure failure) =>
        new(failure.Step, failure.Cause, failure.Remedy, failure.Evidence is { } evidence ? EvidenceResponse.From(evidence) : null);
}

/// <summary>What a failed step showed; each member only when known.</summary>
/// <param name="BuildUrl">The Jenkins build.</param>
/// <param name="Result">Jenkins' result: FAILURE, UNSTABLE, ABORTED.</param>
/// <param name="ConsoleTail">The last lines of the build's console log, oldest first.</param>
/// <param name="Pods">The Deployment's pods that are not ready.</param>
/// <param name="Events">The latest Warning events of those pods and the Deployment, newest first.</param>
public sealed record EvidenceResponse(
    string? BuildUrl,
    string? Result,
    IReadOnlyList<string>? ConsoleTail,
    IReadOnlyList<PodResponse>? Pods,
    IReadOnlyList<EventResponse>? Events)
{
    /// <summary>The response for a failure's evidence; empty lists are left out.</summary>
    public static EvidenceResponse From(FailureEvidence evidence) => new(
        evidence.BuildUrl,
        evidence.Result,
        evidence.ConsoleTail is { Count: > 0 } tail ? tail : null,
        evidence.Pods is { Count: > 0 } pods ? [.. pods.Select(PodResponse.From)] : null,
        evidence.Events is { Count: > 0 } events ? [.. events.Select(EventResponse.From)] : null);
}

/// <summary>A pod that is not ready.</summary>
/// <param name="Name">The pod.</param>
/// <param name="Phase">Its phase (Pending, Running, Failed…).</param>
/// <param name="Container">The container that is not ready.</param>
/// <param name="Reason">Its waiting or terminated reason (ImagePullBackOff, CrashLoopBackOff, OOMKilled…).</param>
/// <param name="Message">The message that came with the reason.</param>
/// <param name="RestartCount">How often the container restarted.</param>
public sealed record PodResponse(string Name, string Phase, string? Container, string? Reason, string? Message, int RestartCount)
{
    /// <summary>The response for a pod.</summary>
    public static PodResponse From(PodEvidence pod) => new(pod.Name, pod.Phase, pod.Container, pod.Reason, pod.Message, pod.RestartCount);
}

/// <summary>A Warning event.</summary>
/// <param name="Object">What it is about, e.g. <c>Pod/shop-example-com-7d9c-x2x</c>.</param>
/// <param name="Reason">The event's reason (Failed, BackOff, FailedScheduling…).</param>
/// <param name="Message">The event's message.</param>
/// <param name="Count">How often it happened.</param>
/// <param name="LastSeen">When it last happened (UTC).</param>
public sealed record EventResponse(string Object, string Reason, string Message, int Count, DateTime? LastSeen)
{
    /// <summary>The response for an event.</summary>
    public static EventResponse From(EventEvidence warning) => new(
        warning.Object,
        warning.Reason,
        warning.Message,
        warning.Count,
        warning.LastSeen is { } seen ? (seen.Kind == DateTimeKind.Local ? seen.ToUniversalTime() : DateTime.SpecifyKind(seen, DateTimeKind.Utc)) : null);
}
