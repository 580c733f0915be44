using System.Text.Json.Nodes;
using Provisioner.Simulators.Kubernetes.Api;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes.Controllers;

/// <summary>The replica set controller: as many pods as the ReplicaSet asks for, from its template, and their counts in its status.</summary>
internal sealed class ReplicaSetController(ObjectStore store, EventRecorder events)
{
    private const string Component = "replicaset-controller";

    public void Reconcile()
    {
        foreach (var rs in store.List(ResourceKind.ReplicaSets, null, _ => true).Items)
        {
            Sync(rs);
        }
    }

    private void Sync(JsonObject rs)
    {
        var metadata = rs["metadata"]!;
        var namespaceName = metadata["namespace"]!.GetValue<string>();
        var uid = metadata["uid"]!.GetValue<string>();
        var desired = rs["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        var pods = store.List(ResourceKind.Pods, namespaceName, p => OwnerReferences.IsOwnedBy(p, uid)).Items;

        for (var i = pods.Count; i < desired; i++)
        {
            var template = rs["spec"]!["template"]!.DeepClone().AsObject();
            var podMetadata = template["metadata"]?.DeepClone().AsObject() ?? new JsonObject();
            var name = $"{metadata["name"]}-{RandomSuffix.Next(5)}";
            podMetadata["name"] = name;
            podMetadata["namespace"] = namespaceName;
            podMetadata["ownerReferences"] = OwnerReferences.ControlledBy(rs);
            var pod = store.SystemWrite(ResourceKind.Pods, new JsonObject
            {
                ["metadata"] = podMetadata,
                ["spec"] = template["spec"]?.DeepClone(),
                ["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "Burstable" },
            }, "kube-controller-manager");
            if (pod is not null)
            {
                pods.Add(pod);
                events.Normal(rs, "SuccessfulCreate", $"Created pod: {name}", Component);
            }
        }

        // Scaling down removes pods that are not ready first, then the youngest.
        foreach (var extra in pods.OrderBy(IsReady).ThenByDescending(p => p["metadata"]?["creationTimestamp"]?.GetValue<string>()).Take(Math.Max(0, pods.Count - desired)).ToList())
        {
            var name = extra["metadata"]!["name"]!.GetValue<string>();
            store.Delete(ResourceKind.Pods, namespaceName, name);
            pods.Remove(extra);
            events.Normal(rs, "SuccessfulDelete", $"Deleted pod: {name}", Component);
        }

        var ready = pods.Count(IsReady);
        var status = new JsonObject
        {
            ["replicas"] = pods.Count,
            ["fullyLabeledReplicas"] = pods.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["observedGeneration"] = metadata["generation"]?.DeepClone(),
        };
        foreach (var zero in new[] { "fullyLabeledReplicas", "readyReplicas", "availableReplicas" })
        {
            if (status[zero]!.GetValue<int>() == 0)
            {
                status.Remove(zero);
            }
        }

        rs["status"] = status;
        store.SystemWrite(ResourceKind.ReplicaSets, rs);
    }

    public static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");
}
