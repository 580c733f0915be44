using System.Text.Json.Nodes;
using Provisioner.Simulators.Kubernetes.Api;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes;

/// <summary>
/// The simulated cluster's objects, for tests to seed and inspect without the API: objects are JSON
/// as the API server stores them, and resources are named by their plural (<c>deployments</c>).
/// </summary>
public sealed class ClusterState
{
    private readonly ObjectStore store;

    internal ClusterState(ObjectStore store) => this.store = store;

    /// <summary>The object, or null.</summary>
    public JsonObject? Get(string resource, string? namespaceName, string name) => store.Get(Kind(resource), namespaceName, name);

    /// <summary>Every object of a resource, in a namespace or (null) in all.</summary>
    public IReadOnlyList<JsonObject> List(string resource, string? namespaceName = null) => store.List(Kind(resource), namespaceName, _ => true).Items;

    /// <summary>
    /// Stores an object as the control plane would (status included, no field ownership), creating or
    /// replacing it; its kind names the resource. Returns it as stored (with uid and resourceVersion).
    /// </summary>
    public JsonObject Seed(JsonObject obj)
    {
        var kindName = obj["kind"]?.GetValue<string>() ?? throw new ArgumentException("The object has no kind.", nameof(obj));
        var kind = ResourceKind.All.FirstOrDefault(k => k.Kind == kindName) ?? throw new ArgumentException($"The simulator serves no {kindName}.", nameof(obj));
        return store.SystemWrite(kind, obj) ?? throw new InvalidOperationException($"Namespace {obj["metadata"]?["namespace"]} does not exist.");
    }

    /// <summary>Creates a namespace (no-op when it exists).</summary>
    public void AddNamespace(string name)
    {
        if (!store.NamespaceExists(name))
        {
            store.SystemWrite(ResourceKind.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        }
    }

    /// <summary>The current resource version of the store.</summary>
    public long ResourceVersion => store.ResourceVersion;

    private static ResourceKind Kind(string resource) =>
        ResourceKind.All.FirstOrDefault(k => k.Plural == resource) ?? throw new ArgumentException($"The simulator serves no resource {resource}.", nameof(resource));
}
