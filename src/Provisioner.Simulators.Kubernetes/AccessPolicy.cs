using System.Collections.Concurrent;

namespace Provisioner.Simulators.Kubernetes;

/// <summary>
/// What the simulated user may do, as RBAC would decide it: everything by default; <see cref="Forbid"/>
/// denies one verb on one resource; <see cref="AllowOnly"/> grants exactly a Role's rules. Denied
/// requests get the API server's 403 Status.
/// </summary>
public sealed class AccessPolicy
{
    private readonly ConcurrentDictionary<(string Verb, string Resource), bool> forbidden = new();
    private volatile IReadOnlyList<AccessRule>? allowed;

    /// <summary>Denies <paramref name="verb"/> (get, list, watch, create, update, patch, delete) on a resource (plural, e.g. <c>ingresses</c>).</summary>
    public void Forbid(string verb, string resource) => forbidden[(verb, resource)] = true;

    /// <summary>Grants only these rules (a Role's); everything else is denied.</summary>
    public void AllowOnly(IEnumerable<AccessRule> rules) => allowed = [.. rules];

    /// <summary>Grants everything again.</summary>
    public void Reset()
    {
        forbidden.Clear();
        allowed = null;
    }

    /// <summary>True when the user may use <paramref name="verb"/> on the resource.</summary>
    public bool Allows(string verb, string group, string resource) =>
        !forbidden.ContainsKey((verb, resource))
        && (allowed is not { } rules || rules.Any(r => r.Matches(verb, group, resource)));
}

/// <summary>One RBAC policy rule.</summary>
/// <param name="ApiGroups">API groups (empty string for core; <c>*</c> for all).</param>
/// <param name="Resources">Resources (plural; <c>*</c> for all).</param>
/// <param name="Verbs">Verbs (<c>*</c> for all).</param>
public sealed record AccessRule(IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> Verbs)
{
    /// <summary>True when the rule grants the verb on the resource.</summary>
    public bool Matches(string verb, string group, string resource) =>
        (ApiGroups.Contains("*") || ApiGroups.Contains(group))
        && (Resources.Contains("*") || Resources.Contains(resource))
        && (Verbs.Contains("*") || Verbs.Contains(verb));
}
