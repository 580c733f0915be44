using System.Globalization;
using System.Text.Json.Nodes;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>
/// The server-side printing kubectl asks for (<c>Accept: application/json;as=Table;g=meta.k8s.io;v=v1</c>):
/// the columns and cells the real API server prints for each resource.
/// </summary>
internal static class Tables
{
    private sealed record Column(string Name, string Type, string Format, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell);

    public static bool Wanted(string accept) => accept.Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject Build(ResourceKind kind, IEnumerable<JsonObject> items, long resourceVersion, DateTimeOffset now, bool includeObject)
    {
        var columns = ColumnsOf(kind);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var metadata = item["metadata"]!.DeepClone().AsObject();
            metadata.Remove("managedFields");
            var row = new JsonObject { ["cells"] = new JsonArray([.. columns.Select(c => c.Cell(item, now))]) };
            row["object"] = includeObject
                ? item.DeepClone()
                : new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata };
            rows.Add(row);
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["columnDefinitions"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Description,
                ["priority"] = c.Priority,
            })]),
            ["rows"] = rows,
        };
    }

    /// <summary>Kubernetes' human durations: 45s, 3m12s, 2h5m, 3d4h…</summary>
    public static string HumanDuration(TimeSpan d)
    {
        if (d < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        if (d < TimeSpan.Zero)
        {
            return "0s";
        }

        var seconds = (long)d.TotalSeconds;
        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = (long)d.TotalMinutes;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = (long)d.TotalHours;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }

        return hours < 24 * 365 * 2 ? $"{hours / 24}d" : $"{hours / 24 / 365}y{hours / 24 % 365}d";
    }

    private static IReadOnlyList<Column> ColumnsOf(ResourceKind kind)
    {
        var name = new Column("Name", "string", "name", "Name must be unique within a namespace.", 0, (o, _) => Str(o, "metadata", "name"));
        var age = new Column("Age", "string", string.Empty, "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, (o, now) => Since(o["metadata"]?["creationTimestamp"], now));
        if (kind == ResourceKind.Deployments)
        {
            return
            [
                name,
                new("Ready", "string", string.Empty, "Number of the pod with ready state", 0, (o, _) => $"{Int(o, "status", "readyReplicas")}/{Int(o, "spec", "replicas")}"),
                new("Up-to-date", "string", string.Empty, "Total number of non-terminated pods targeted by this deployment that have the desired template spec.", 0, (o, _) => Int(o, "status", "updatedReplicas")),
                new("Available", "string", string.Empty, "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.", 0, (o, _) => Int(o, "status", "availableReplicas")),
                age,
                new("Containers", "string", string.Empty, "Names of each container in the template.", 1, (o, _) => Containers(o["spec"]?["template"]?["spec"], "name")),
                new("Images", "string", string.Empty, "Images referenced by each container in the template.", 1, (o, _) => Containers(o["spec"]?["template"]?["spec"], "image")),
                new("Selector", "string", string.Empty, "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1, (o, _) => Selector(o["spec"]?["selector"]?["matchLabels"])),
            ];
        }

        if (kind == ResourceKind.ReplicaSets)
        {
            return
            [
                name,
                new("Desired", "integer", string.Empty, "Number of desired pods.", 0, (o, _) => Int(o, "spec", "replicas")),
                new("Current", "integer", string.Empty, "Number of actual pods.", 0, (o, _) => Int(o, "status", "replicas")),
                new("Ready", "integer", string.Empty, "Number of ready pods.", 0, (o, _) => Int(o, "status", "readyReplicas")),
                age,
                new("Containers", "string", string.Empty, "Names of each container in the template.", 1, (o, _) => Containers(o["spec"]?["template"]?["spec"], "name")),
                new("Images", "string", string.Empty, "Images referenced by each container in the template.", 1, (o, _) => Containers(o["spec"]?["template"]?["spec"], "image")),
                new("Selector", "string", string.Empty, "Label selector for pods.", 1, (o, _) => Selector(o["spec"]?["selector"]?["matchLabels"])),
            ];
        }

        if (kind == ResourceKind.Pods)
        {
            return
            [
                name,
                new("Ready", "string", string.Empty, "The aggregate readiness state of this pod for accepting traffic.", 0, (o, _) => PodReady(o)),
                new("Status", "string", string.Empty, "The aggregate status of the containers in this pod.", 0, (o, _) => PodStatus(o)),
                new("Restarts", "string", string.Empty, "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.", 0, PodRestarts),
                age,
                new("IP", "string", string.Empty, "IP address allocated to the pod.", 1, (o, _) => Str(o, "status", "podIP") ?? "<none>"),
                new("Node", "string", string.Empty, "Name of the node assigned to the pod.", 1, (o, _) => Str(o, "spec", "nodeName") ?? "<none>"),
                new("Nominated Node", "string", string.Empty, "Name of the node the pod is nominated to.", 1, (_, _) => "<none>"),
                new("Readiness Gates", "string", string.Empty, "The pod's readiness gates.", 1, (_, _) => "<none>"),
            ];
        }

        if (kind == ResourceKind.Services)
        {
            return
            [
                name,
                new("Type", "string", string.Empty, "The type of the service.", 0, (o, _) => Str(o, "spec", "type")),
                new("Cluster-IP", "string", string.Empty, "The cluster IP of the service.", 0, (o, _) => Str(o, "spec", "clusterIP") ?? "<none>"),
                new("External-IP", "string", string.Empty, "The external IP of the service.", 0, (_, _) => "<none>"),
                new("Port(s)", "string", string.Empty, "The ports of the service.", 0, (o, _) => string.Join(",", (o["spec"]?["ports"] as JsonArray ?? []).Select(p => $"{p?["port"]}/{p?["protocol"]?.GetValue<string>() ?? "TCP"}"))),
                age,
                new("Selector", "string", string.Empty, "The selector of the service.", 1, (o, _) => Selector(o["spec"]?["selector"])),
            ];
        }

        if (kind == ResourceKind.Ingresses)
        {
            return
            [
                name,
                new("Class", "string", string.Empty, "The name of the IngressClass resource that should be used for additional configuration", 0, (o, _) => Str(o, "spec", "ingressClassName") ?? "<none>"),
                new("Hosts", "string", string.Empty, "Hosts that incoming requests are matched against before the ingress rule", 0, (o, _) => IngressHosts(o)),
                new("Address", "string", string.Empty, "Address is a list containing ingress points for the load-balancer", 0, (o, _) => string.Join(",", (o["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? []).Select(i => i?["ip"]?.GetValue<string>() ?? i?["hostname"]?.GetValue<string>()))),
                new("Ports", "string", string.Empty, "Ports of TLS configurations that open", 0, (o, _) => o["spec"]?["tls"] is JsonArray { Count: > 0 } ? "80, 443" : "80"),
                age,
            ];
        }

        if (kind == ResourceKind.Events)
        {
            return
            [
                new("Last Seen", "string", string.Empty, "Time when last event occurred", 0, (o, now) => Since(o["lastTimestamp"] ?? o["eventTime"], now)),
                new("Type", "string", string.Empty, "Type of this event.", 0, (o, _) => Str(o, "type")),
                new("Reason", "string", string.Empty, "Reason why this event is generated.", 0, (o, _) => Str(o, "reason")),
                new("Object", "string", string.Empty, "Object this event is about.", 0, (o, _) => $"{Str(o, "involvedObject", "kind")?.ToLowerInvariant()}/{Str(o, "involvedObject", "name")}"),
                new("Subobject", "string", string.Empty, "Subobject of the event", 1, (o, _) => Str(o, "involvedObject", "fieldPath") ?? string.Empty),
                new("Source", "string", string.Empty, "Source of the event", 1, (o, _) => Str(o, "source", "component") ?? string.Empty),
                new("Message", "string", string.Empty, "A human-readable description of the status of this operation.", 0, (o, _) => Str(o, "message")),
                new("First Seen", "string", string.Empty, "Time when first event occurred", 1, (o, now) => Since(o["firstTimestamp"], now)),
                new("Count", "string", string.Empty, "Number of times this event has occurred", 1, (o, _) => Int(o, "count")),
                new("Name", "string", "name", "Name must be unique within a namespace.", 1, (o, _) => Str(o, "metadata", "name")),
            ];
        }

        if (kind == ResourceKind.Namespaces)
        {
            return [name, new("Status", "string", string.Empty, "The status of the namespace", 0, (o, _) => Str(o, "status", "phase")), age];
        }

        return [name, age];
    }

    private static string? Str(JsonObject o, params string[] path)
    {
        JsonNode? node = o;
        foreach (var p in path)
        {
            node = node?[p];
        }

        return node?.GetValue<string>();
    }

    private static long Int(JsonObject o, params string[] path)
    {
        JsonNode? node = o;
        foreach (var p in path)
        {
            node = node?[p];
        }

        return node?.GetValue<long>() ?? 0;
    }

    private static JsonNode Since(JsonNode? timestamp, DateTimeOffset now) =>
        timestamp?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then)
            ? HumanDuration(now - then)
            : "<unknown>";

    private static string Containers(JsonNode? podSpec, string field) =>
        string.Join(",", (podSpec?["containers"] as JsonArray ?? []).Select(c => c?[field]?.GetValue<string>()));

    private static string Selector(JsonNode? labels) =>
        labels is JsonObject { Count: > 0 } map ? string.Join(",", map.Select(l => $"{l.Key}={l.Value?.GetValue<string>()}")) : "<none>";

    private static string IngressHosts(JsonObject o)
    {
        var hosts = (o["spec"]?["rules"] as JsonArray ?? []).Select(r => r?["host"]?.GetValue<string>()).Where(h => h is not null).ToList();
        return hosts.Count == 0 ? "*" : string.Join(",", hosts);
    }

    private static string PodReady(JsonObject o)
    {
        var statuses = o["status"]?["containerStatuses"] as JsonArray ?? [];
        var total = (o["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = statuses.Count(s => s?["ready"]?.GetValue<bool>() == true);
        return $"{ready}/{total}";
    }

    // The STATUS column: a container's waiting or terminated reason beats the pod's phase, as kubectl's printer decides.
    private static string PodStatus(JsonObject o)
    {
        if (o["metadata"]?["deletionTimestamp"] is not null)
        {
            return "Terminating";
        }

        var reason = o["status"]?["reason"]?.GetValue<string>() ?? o["status"]?["phase"]?.GetValue<string>() ?? "Pending";
        foreach (var status in (o["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (status["state"]?["waiting"]?["reason"]?.GetValue<string>() is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (status["state"]?["terminated"]?["reason"]?.GetValue<string>() is { Length: > 0 } terminated)
            {
                reason = terminated;
            }
        }

        return reason;
    }

    private static JsonNode PodRestarts(JsonObject o, DateTimeOffset now)
    {
        var statuses = (o["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var restarts = statuses.Sum(s => s["restartCount"]?.GetValue<long>() ?? 0);
        var last = statuses.Select(s => s["lastState"]?["terminated"]?["finishedAt"]?.GetValue<string>()).Where(t => t is not null).Max();
        return restarts > 0 && last is not null ? $"{restarts} ({Since(last, now)} ago)" : restarts.ToString(CultureInfo.InvariantCulture);
    }
}
