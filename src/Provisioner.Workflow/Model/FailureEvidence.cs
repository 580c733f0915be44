using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Workflow.Model;

/// <summary>
/// What a failed step showed, each member only when known: the build's URL, result and console
/// tail, or the rollout's unready pods and Warning events. Capped and without secrets.
/// </summary>
/// <param name="BuildUrl">The Jenkins build.</param>
/// <param name="Result">Jenkins' result of the build (FAILURE, UNSTABLE, ABORTED…).</param>
/// <param name="ConsoleTail">The last lines of the build's console log, oldest first.</param>
/// <param name="Pods">The Deployment's pods that are not ready.</param>
/// <param name="Events">The latest Warning events of those pods and the Deployment, newest first.</param>
public sealed record FailureEvidence(
    string? BuildUrl = null,
    string? Result = null,
    IReadOnlyList<string>? ConsoleTail = null,
    IReadOnlyList<PodEvidence>? Pods = null,
    IReadOnlyList<EventEvidence>? Events = null);
