using System.Collections.Concurrent;

namespace Provisioner.Simulators.Common.Diagnostics;

/// <summary>The active fault rules; the first rule that matches and has uses left applies.</summary>
public sealed class FaultInjector
{
    private readonly ConcurrentQueue<FaultRule> rules = new();

    /// <summary>Adds a rule and returns it (to read <see cref="FaultRule.Hits"/>).</summary>
    public FaultRule Add(FaultRule rule)
    {
        rules.Enqueue(rule);
        return rule;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear() => rules.Clear();

    internal bool NeedsBody(string method, string path) => rules.Any(r => r.BodyContains is not null && r.Matches(method, path));

    internal FaultRule? Match(string method, string path, string? body) => rules.FirstOrDefault(r => r.TryConsume(method, path, body));
}
