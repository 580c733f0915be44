using System.Text.Json.Nodes;
using Provisioner.Simulators.Kubernetes.Api;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes.Controllers;

/// <summary>
/// Writes core/v1 Events as the control plane's event recorders do: a repeated event (same object,
/// type, reason, message and source) bumps its count and last timestamp instead of adding another.
/// </summary>
internal sealed class EventRecorder(ObjectStore store)
{
    public const string NodeName = "sim-node-1";

    private long sequence;

    public void Normal(JsonObject involved, string reason, string message, string component, string? fieldPath = null) =>
        Record(involved, "Normal", reason, message, component, fieldPath);

    public void Warning(JsonObject involved, string reason, string message, string component, string? fieldPath = null) =>
        Record(involved, "Warning", reason, message, component, fieldPath);

    private void Record(JsonObject involved, string type, string reason, string message, string component, string? fieldPath)
    {
        var metadata = involved["metadata"]!;
        var namespaceName = metadata["namespace"]?.GetValue<string>() ?? "default";
        var uid = metadata["uid"]?.GetValue<string>();
        var now = store.Now();
        var (existing, _) = store.List(ResourceKind.Events, namespaceName, e =>
            e["involvedObject"]?["uid"]?.GetValue<string>() == uid
            && e["type"]?.GetValue<string>() == type
            && e["reason"]?.GetValue<string>() == reason
            && e["message"]?.GetValue<string>() == message
            && e["source"]?["component"]?.GetValue<string>() == component
            && e["involvedObject"]?["fieldPath"]?.GetValue<string>() == fieldPath);
        if (existing.FirstOrDefault() is { } seen)
        {
            seen["count"] = (seen["count"]?.GetValue<long>() ?? 1) + 1;
            seen["lastTimestamp"] = now;
            store.SystemWrite(ResourceKind.Events, seen);
            return;
        }

        var involvedObject = new JsonObject
        {
            ["kind"] = involved["kind"]?.DeepClone(),
            ["namespace"] = namespaceName,
            ["name"] = metadata["name"]?.DeepClone(),
            ["uid"] = uid,
            ["apiVersion"] = involved["apiVersion"]?.DeepClone(),
            ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
        };
        if (fieldPath is not null)
        {
            involvedObject["fieldPath"] = fieldPath;
        }

        var source = new JsonObject { ["component"] = component };
        if (component == "kubelet")
        {
            source["host"] = NodeName;
        }

        store.SystemWrite(ResourceKind.Events, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                // The real recorder names an event after its object and the time in nanoseconds, in hex.
                ["name"] = $"{metadata["name"]}.{(store.Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100 + Interlocked.Increment(ref sequence):x}",
                ["namespace"] = namespaceName,
            },
            ["involvedObject"] = involvedObject,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = source,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = component == "kubelet" ? NodeName : string.Empty,
        });
    }
}
