using System.Text.Json.Nodes;

namespace Provisioner.Simulators.Kubernetes.Controllers;

/// <summary>The <c>ownerReferences</c> a controller puts on what it creates (which garbage collection follows).</summary>
internal static class OwnerReferences
{
    public static JsonArray ControlledBy(JsonObject owner) => new(new JsonObject
    {
        ["apiVersion"] = owner["apiVersion"]!.DeepClone(),
        ["kind"] = owner["kind"]!.DeepClone(),
        ["name"] = owner["metadata"]!["name"]!.DeepClone(),
        ["uid"] = owner["metadata"]!["uid"]!.DeepClone(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    });

    public static bool IsOwnedBy(JsonObject obj, string uid) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(o => o?["uid"]?.GetValue<string>() == uid);
}
