using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// Turns what a failed step brought back into the failure's evidence, within a budget whatever the
/// integration returned: the provision's progress is the orchestration's custom status, which
/// Durable Functions limits to 16 KB. The newest console lines, pods and events are kept.
/// </summary>
internal static class EvidenceBudget
{
    public const int ConsoleLines = 50;
    public const int ConsoleChars = 6 * 1024;
    public const int Pods = 5;
    public const int Events = 10;
    public const int MessageChars = 300;

    /// <summary>The evidence of a build that did not succeed: its URL, result and console tail, those that are known; null when none is.</summary>
    public static FailureEvidence? OfBuild(BuildProgress build)
    {
        var tail = ConsoleTail(build.ConsoleTail ?? []);
        return build.BuildUrl is null && build.Result is null && tail is null ? null : new FailureEvidence(build.BuildUrl, build.Result, tail);
    }

    /// <summary>The evidence of an unhealthy rollout: its unready pods and Warning events; null when it showed neither.</summary>
    public static FailureEvidence? OfRollout(RolloutEvidence rollout)
    {
        var pods = rollout.Pods.Take(Pods).Select(p => p with { Message = Cut(p.Message) }).ToList();
        var events = rollout.Events.Take(Events).Select(e => e with { Message = Cut(e.Message) ?? string.Empty }).ToList();
        return pods.Count == 0 && events.Count == 0 ? null : new FailureEvidence(Pods: NullIfEmpty(pods), Events: NullIfEmpty(events));
    }

    private static List<string>? ConsoleTail(IReadOnlyList<string> lines)
    {
        var kept = new List<string>();
        var chars = 0;
        for (var i = lines.Count - 1; i >= 0 && kept.Count < ConsoleLines; i--)
        {
            var line = lines[i].Length > ConsoleChars ? lines[i][..ConsoleChars] : lines[i];
            chars += line.Length;
            if (chars > ConsoleChars)
            {
                break;
            }

            kept.Add(line);
        }

        kept.Reverse();
        return NullIfEmpty(kept);
    }

    private static string? Cut(string? text) => text is null || text.Length <= MessageChars ? text : text[..(MessageChars - 1)] + "…";

    private static List<T>? NullIfEmpty<T>(List<T> items) => items.Count == 0 ? null : items;
}
