using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Simulators.Kubernetes.Api;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes.Controllers;

/// <summary>
/// The deployment controller: one ReplicaSet per pod template (named by its pod-template-hash),
/// scaled up while old ones are scaled down as new pods become available, and the status kubectl
/// reads (observedGeneration, replica counts, Available and Progressing conditions with the real
/// reasons, ProgressDeadlineExceeded when nothing moved for the deadline).
/// </summary>
internal sealed class DeploymentController(ObjectStore store, EventRecorder events, KubernetesSimulatorOptions options)
{
    private const string Component = "deployment-controller";
    private const string TemplateHashLabel = "pod-template-hash";
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    private readonly Dictionary<string, (string Signature, DateTimeOffset At)> progress = new(StringComparer.Ordinal);

    public void Reconcile(DateTimeOffset now)
    {
        var (deployments, _) = store.List(ResourceKind.Deployments, null, _ => true);
        foreach (var deployment in deployments)
        {
            Sync(deployment, now);
        }

        var live = deployments.Select(d => d["metadata"]!["uid"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in progress.Keys.Where(k => !live.Contains(k)).ToList())
        {
            progress.Remove(gone);
        }
    }

    /// <summary>The pod-template-hash of a template, computed as the real controller does (FNV-1a, then safe-encoded).</summary>
    public static string TemplateHash(JsonNode? template)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(ApiJson.Serialize(template ?? new JsonObject())))
        {
            hash = (hash ^ b) * 16777619u;
        }

        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Concat(hash.ToString(CultureInfo.InvariantCulture).Select(c => alphabet[c % alphabet.Length]));
    }

    private void Sync(JsonObject deployment, DateTimeOffset now)
    {
        var metadata = deployment["metadata"]!;
        var name = metadata["name"]!.GetValue<string>();
        var namespaceName = metadata["namespace"]!.GetValue<string>();
        var uid = metadata["uid"]!.GetValue<string>();
        var spec = deployment["spec"]!;
        var desired = spec["replicas"]?.GetValue<int>() ?? 1;
        var paused = spec["paused"]?.GetValue<bool>() == true;
        var template = spec["template"]!.DeepClone().AsObject();
        var hash = TemplateHash(template);

        var owned = store.List(ResourceKind.ReplicaSets, namespaceName, rs => OwnerReferences.IsOwnedBy(rs, uid)).Items;
        var newRs = owned.FirstOrDefault(rs => rs["metadata"]?["labels"]?[TemplateHashLabel]?.GetValue<string>() == hash);
        var oldRss = owned.Where(rs => rs != newRs).ToList();
        var created = false;

        if (!paused)
        {
            if (newRs is null)
            {
                newRs = CreateReplicaSet(deployment, template, hash, owned, desired);
                created = newRs is not null;
            }
            else if (Replicas(newRs) != desired)
            {
                Scale(deployment, newRs, desired);
            }

            // Old pods go as new ones become available, never leaving fewer available than desired allows.
            var newAvailable = newRs?["status"]?["availableReplicas"]?.GetValue<int>() ?? 0;
            var allowedOld = Math.Max(0, desired - newAvailable);
            foreach (var old in oldRss.OrderByDescending(Replicas))
            {
                var keep = Math.Min(Replicas(old), allowedOld);
                allowedOld -= keep;
                if (keep != Replicas(old))
                {
                    Scale(deployment, old, keep);
                }
            }

            owned = store.List(ResourceKind.ReplicaSets, namespaceName, rs => OwnerReferences.IsOwnedBy(rs, uid)).Items;
            newRs = owned.FirstOrDefault(rs => rs["metadata"]?["labels"]?[TemplateHashLabel]?.GetValue<string>() == hash);
        }

        WriteStatus(deployment, owned, newRs, desired, paused, created, now);
    }

    private JsonObject? CreateReplicaSet(JsonObject deployment, JsonObject template, string hash, List<JsonObject> owned, int desired)
    {
        var metadata = deployment["metadata"]!;
        var name = $"{metadata["name"]}-{hash}";
        var revision = owned.Select(rs => int.TryParse(rs["metadata"]?["annotations"]?[RevisionAnnotation]?.GetValue<string>(), CultureInfo.InvariantCulture, out var r) ? r : 0).DefaultIfEmpty(0).Max() + 1;
        var podLabels = template["metadata"]?["labels"]?.DeepClone().AsObject() ?? [];
        podLabels[TemplateHashLabel] = hash;
        if (template["metadata"] is not JsonObject templateMetadata)
        {
            template["metadata"] = templateMetadata = new JsonObject();
        }

        templateMetadata["labels"] = podLabels.DeepClone();
        var selector = deployment["spec"]!["selector"]!.DeepClone().AsObject();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            matchLabels[TemplateHashLabel] = hash;
        }

        var rs = store.SystemWrite(ResourceKind.ReplicaSets, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = metadata["namespace"]!.DeepClone(),
                ["labels"] = podLabels,
                ["annotations"] = new JsonObject
                {
                    ["deployment.kubernetes.io/desired-replicas"] = desired.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = (desired + MaxSurge(deployment, desired)).ToString(CultureInfo.InvariantCulture),
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = OwnerReferences.ControlledBy(deployment),
            },
            ["spec"] = new JsonObject { ["replicas"] = desired, ["selector"] = selector, ["template"] = template },
            ["status"] = new JsonObject { ["replicas"] = 0 },
        }, Component);
        if (rs is not null)
        {
            events.Normal(deployment, "ScalingReplicaSet", $"Scaled up replica set {name} to {desired} from 0", Component);
        }

        return rs;
    }

    private void Scale(JsonObject deployment, JsonObject rs, int replicas)
    {
        var from = Replicas(rs);
        rs["spec"]!["replicas"] = replicas;
        rs["metadata"]!["annotations"] ??= new JsonObject();
        rs["metadata"]!["annotations"]!["deployment.kubernetes.io/desired-replicas"] = (deployment["spec"]!["replicas"]?.GetValue<int>() ?? 1).ToString(CultureInfo.InvariantCulture);
        store.SystemWrite(ResourceKind.ReplicaSets, rs);
        var direction = replicas > from ? "up" : "down";
        events.Normal(deployment, "ScalingReplicaSet", $"Scaled {direction} replica set {rs["metadata"]!["name"]} to {replicas} from {from}", Component);
    }

    private void WriteStatus(JsonObject deployment, List<JsonObject> owned, JsonObject? newRs, int desired, bool paused, bool created, DateTimeOffset now)
    {
        int Sum(string field) => owned.Sum(rs => rs["status"]?[field]?.GetValue<int>() ?? 0);
        var replicas = Sum("replicas");
        var updated = newRs?["status"]?["replicas"]?.GetValue<int>() ?? 0;
        var ready = Sum("readyReplicas");
        var available = Sum("availableReplicas");
        var total = owned.Sum(Replicas);
        var uid = deployment["metadata"]!["uid"]!.GetValue<string>();
        var rsName = newRs?["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;

        var status = deployment["status"] as JsonObject ?? new JsonObject();
        var conditions = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c.DeepClone().AsObject()).ToList();
        var timestamp = ObjectStore.Timestamp(now);

        var minAvailable = desired - MaxUnavailable(deployment, desired);
        SetCondition(conditions, "Available", available >= minAvailable ? "True" : "False",
            available >= minAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            available >= minAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", timestamp, touch: false);

        var signature = $"{rsName}|{replicas}|{updated}|{ready}|{available}|{desired}|{deployment["metadata"]!["generation"]}";
        var moved = !progress.TryGetValue(uid, out var last) || last.Signature != signature;
        if (moved)
        {
            progress[uid] = (signature, now);
        }

        var complete = updated == desired && replicas == updated && available == updated;
        if (paused)
        {
            SetCondition(conditions, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", timestamp, touch: false);
        }
        else if (created)
        {
            SetCondition(conditions, "Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{rsName}\"", timestamp, touch: true);
        }
        else if (complete)
        {
            SetCondition(conditions, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", timestamp, touch: moved);
        }
        else if (moved)
        {
            SetCondition(conditions, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.", timestamp, touch: true);
        }
        else if (now - progress[uid].At > ProgressDeadline(deployment))
        {
            SetCondition(conditions, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", timestamp, touch: false);
        }

        var next = new JsonObject
        {
            ["observedGeneration"] = deployment["metadata"]!["generation"]!.DeepClone(),
            ["replicas"] = replicas,
            ["updatedReplicas"] = updated,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = available,
            ["unavailableReplicas"] = Math.Max(0, total - available),
            ["conditions"] = new JsonArray([.. conditions.OrderBy(c => c["type"]!.GetValue<string>() == "Available" ? 0 : 1)]),
        };
        foreach (var zero in new[] { "replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas" })
        {
            // The API server omits zero counts (omitempty), and kubectl treats a missing count as 0.
            if (next[zero]!.GetValue<int>() == 0)
            {
                next.Remove(zero);
            }
        }

        deployment["status"] = next;
        store.SystemWrite(ResourceKind.Deployments, deployment);
    }

    // A condition's lastUpdateTime moves when the controller touches it; lastTransitionTime only when its status flips.
    private static void SetCondition(List<JsonObject> conditions, string type, string status, string reason, string message, string timestamp, bool touch)
    {
        var existing = conditions.FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        if (existing is null)
        {
            conditions.Add(new JsonObject
            {
                ["type"] = type,
                ["status"] = status,
                ["lastUpdateTime"] = timestamp,
                ["lastTransitionTime"] = timestamp,
                ["reason"] = reason,
                ["message"] = message,
            });
            return;
        }

        var changed = existing["status"]?.GetValue<string>() != status || existing["reason"]?.GetValue<string>() != reason || existing["message"]?.GetValue<string>() != message;
        if (existing["status"]?.GetValue<string>() != status)
        {
            existing["lastTransitionTime"] = timestamp;
        }

        if (changed || touch)
        {
            existing["lastUpdateTime"] = timestamp;
        }

        existing["status"] = status;
        existing["reason"] = reason;
        existing["message"] = message;
    }

    private TimeSpan ProgressDeadline(JsonObject deployment) =>
        options.Timings.ProgressDeadline ?? TimeSpan.FromSeconds(deployment["spec"]?["progressDeadlineSeconds"]?.GetValue<int>() ?? 600);

    private static int MaxUnavailable(JsonObject deployment, int desired) =>
        Resolve(deployment["spec"]?["strategy"]?["rollingUpdate"]?["maxUnavailable"], desired, roundUp: false);

    private static int MaxSurge(JsonObject deployment, int desired) =>
        Resolve(deployment["spec"]?["strategy"]?["rollingUpdate"]?["maxSurge"], desired, roundUp: true);

    private static int Resolve(JsonNode? value, int desired, bool roundUp)
    {
        if (value is JsonValue v && v.TryGetValue<int>(out var absolute))
        {
            return absolute;
        }

        var text = value?.GetValue<string>() ?? "25%";
        var percent = int.Parse(text.TrimEnd('%'), CultureInfo.InvariantCulture);
        var scaled = desired * percent / 100.0;
        return (int)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
    }

    private static int Replicas(JsonObject rs) => rs["spec"]?["replicas"]?.GetValue<int>() ?? 0;
}
