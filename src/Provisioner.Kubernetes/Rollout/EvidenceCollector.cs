using k8s.Models;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Kubernetes.Rollout;

/// <summary>
/// Picks what explains an unhealthy rollout from the Deployment's pods and the namespace's Warning
/// events: the pods that are not ready, each with the reason of its first unready container, and the
/// latest Warning events of those pods and the Deployment. Capped; messages cut; nothing from the
/// pod spec (environment, volumes) is read, so no secret can slip in.
/// </summary>
internal static class EvidenceCollector
{
    public static RolloutEvidence Collect(V1Deployment deployment, IEnumerable<V1Pod> pods, IEnumerable<Corev1Event> events, int maxPods, int maxEvents, int maxMessage)
    {
        var unready = pods
            .Where(p => p.Metadata?.DeletionTimestamp is null && !IsReady(p))
            .OrderByDescending(p => p.Metadata?.CreationTimestamp)
            .Take(maxPods)
            .ToList();
        var podEvidence = unready.Select(p => Pod(p, maxMessage)).ToList();

        var about = unready.Select(p => p.Metadata?.Uid).Append(deployment.Metadata?.Uid).Where(u => u is not null).ToHashSet(StringComparer.Ordinal);
        var aboutNames = unready.Select(p => ("Pod", p.Metadata?.Name)).Append(("Deployment", deployment.Metadata?.Name)).ToHashSet();
        var eventEvidence = events
            .Where(e => e.Type == "Warning")
            .Where(e => about.Contains(e.InvolvedObject?.Uid) || aboutNames.Contains((e.InvolvedObject?.Kind ?? string.Empty, e.InvolvedObject?.Name)))
            .OrderByDescending(LastSeen)
            .Take(maxEvents)
            .Select(e => new EventEvidence(
                $"{e.InvolvedObject?.Kind}/{e.InvolvedObject?.Name}",
                e.Reason ?? string.Empty,
                Cut(e.Message, maxMessage) ?? string.Empty,
                e.Count ?? e.Series?.Count ?? 1,
                LastSeen(e)))
            .ToList();
        return new RolloutEvidence(podEvidence, eventEvidence);
    }

    private static PodEvidence Pod(V1Pod pod, int maxMessage)
    {
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var container = statuses.FirstOrDefault(c => c.Ready != true) ?? statuses.FirstOrDefault();
        string? reason = null;
        string? message = null;
        if (container?.State?.Waiting is { } waiting)
        {
            reason = waiting.Reason;
            message = waiting.Message;
        }
        else if (container?.State?.Terminated is { } terminated)
        {
            reason = terminated.Reason;
            message = terminated.Message ?? $"exit code {terminated.ExitCode}";
        }

        // A crash loop's cause is in the last run: OOMKilled, Error with its exit code.
        if (container?.LastState?.Terminated is { } last && reason is "CrashLoopBackOff" or null)
        {
            var previous = $"last terminated: {last.Reason ?? "Error"} (exit code {last.ExitCode})";
            message = message is null ? previous : $"{message}; {previous}";
            reason ??= last.Reason;
        }

        if (reason is null && container is null)
        {
            var unscheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False");
            reason = unscheduled?.Reason;
            message = unscheduled?.Message;
        }

        return new PodEvidence(pod.Metadata?.Name ?? string.Empty, pod.Status?.Phase ?? "Unknown", container?.Name, reason, Cut(message, maxMessage), container?.RestartCount ?? 0);
    }

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static DateTime? LastSeen(Corev1Event e) => e.LastTimestamp ?? e.EventTime ?? e.Series?.LastObservedTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp;

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
