namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>One resource type the simulated API server serves, as discovery describes it.</summary>
/// <param name="Group">The API group (empty for core).</param>
/// <param name="Version">The served version.</param>
/// <param name="Plural">The resource name in paths (<c>deployments</c>).</param>
/// <param name="Singular">The singular name (<c>deployment</c>).</param>
/// <param name="Kind">The kind (<c>Deployment</c>).</param>
/// <param name="Namespaced">True for namespaced resources.</param>
/// <param name="ShortNames">Short names kubectl accepts (<c>deploy</c>).</param>
/// <param name="Categories">Categories (<c>all</c>).</param>
/// <param name="HasStatus">True when status is a subresource: writes to the main resource leave it alone.</param>
/// <param name="TracksGeneration">True when spec changes bump <c>metadata.generation</c>.</param>
internal sealed record ResourceKind(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatus,
    bool TracksGeneration)
{
    /// <summary>The verbs every served resource supports.</summary>
    public static readonly IReadOnlyList<string> Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

    public static readonly ResourceKind Pods = new(string.Empty, "v1", "pods", "pod", "Pod", true, ["po"], ["all"], true, false);
    public static readonly ResourceKind Services = new(string.Empty, "v1", "services", "service", "Service", true, ["svc"], ["all"], true, false);
    public static readonly ResourceKind Events = new(string.Empty, "v1", "events", "event", "Event", true, ["ev"], [], false, false);
    public static readonly ResourceKind Namespaces = new(string.Empty, "v1", "namespaces", "namespace", "Namespace", false, ["ns"], [], true, false);
    public static readonly ResourceKind Deployments = new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], ["all"], true, true);
    public static readonly ResourceKind ReplicaSets = new("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, ["rs"], ["all"], true, true);
    public static readonly ResourceKind Ingresses = new("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, ["ing"], [], true, true);

    /// <summary>Every served resource.</summary>
    public static readonly IReadOnlyList<ResourceKind> All = [Pods, Services, Events, Namespaces, Deployments, ReplicaSets, Ingresses];

    /// <summary><c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>How the API server names the resource in messages: <c>deployments.apps</c>, <c>pods</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>The resource's path prefix: <c>/api/v1</c> or <c>/apis/apps/v1</c>.</summary>
    public string PathPrefix => Group.Length == 0 ? "/api/v1" : $"/apis/{Group}/{Version}";

    /// <summary>The served resource with this group, version and plural, or null.</summary>
    public static ResourceKind? Find(string group, string version, string plural) =>
        All.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == plural);

    /// <summary>The served groups in the order discovery lists them (core first).</summary>
    public static IReadOnlyList<(string Group, string Version)> GroupVersions { get; } =
        [.. All.Select(k => (k.Group, k.Version)).Distinct()];
}
