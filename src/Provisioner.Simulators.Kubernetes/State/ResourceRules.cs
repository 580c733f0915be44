using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioner.Simulators.Kubernetes.Api;

namespace Provisioner.Simulators.Kubernetes.State;

/// <summary>What the API server does to an object of each kind before storing it: defaults and validation.</summary>
internal static partial class ResourceRules
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    /// <summary>Fills the defaults the real API server fills (the fields kubectl and clients see afterwards).</summary>
    public static void ApplyDefaults(ResourceKind kind, JsonObject obj, Func<string> allocateClusterIp)
    {
        var spec = obj["spec"] as JsonObject;
        if (kind == ResourceKind.Deployments && spec is not null)
        {
            spec["replicas"] ??= 1;
            spec["revisionHistoryLimit"] ??= 10;
            spec["progressDeadlineSeconds"] ??= 600;
            if (spec["strategy"] is not JsonObject strategy)
            {
                spec["strategy"] = strategy = new JsonObject();
            }

            strategy["type"] ??= "RollingUpdate";
            if (strategy["type"]?.GetValue<string>() == "RollingUpdate")
            {
                if (strategy["rollingUpdate"] is not JsonObject rolling)
                {
                    strategy["rollingUpdate"] = rolling = new JsonObject();
                }

                rolling["maxUnavailable"] ??= "25%";
                rolling["maxSurge"] ??= "25%";
            }

            DefaultPodSpec(spec["template"]?["spec"] as JsonObject);
        }
        else if (kind == ResourceKind.ReplicaSets && spec is not null)
        {
            spec["replicas"] ??= 1;
            DefaultPodSpec(spec["template"]?["spec"] as JsonObject);
        }
        else if (kind == ResourceKind.Pods)
        {
            DefaultPodSpec(spec);
        }
        else if (kind == ResourceKind.Services && spec is not null)
        {
            spec["type"] ??= "ClusterIP";
            spec["sessionAffinity"] ??= "None";
            spec["internalTrafficPolicy"] ??= "Cluster";
            spec["ipFamilyPolicy"] ??= "SingleStack";
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            if (spec["clusterIP"] is null)
            {
                var ip = allocateClusterIp();
                spec["clusterIP"] = ip;
                spec["clusterIPs"] = new JsonArray(ip);
            }

            foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
                port["targetPort"] ??= port["port"]?.DeepClone();
            }

            obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
        else if (kind == ResourceKind.Ingresses)
        {
            obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
        else if (kind == ResourceKind.Namespaces)
        {
            var name = obj["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
            var metadata = obj["metadata"]!.AsObject();
            if (metadata["labels"] is not JsonObject labels)
            {
                metadata["labels"] = labels = new JsonObject();
            }

            labels["kubernetes.io/metadata.name"] = name;
            obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] ??= new JsonObject { ["phase"] = "Active" };
        }

        if (kind.HasStatus && kind != ResourceKind.Services && kind != ResourceKind.Ingresses && kind != ResourceKind.Namespaces)
        {
            obj["status"] ??= new JsonObject();
        }
    }

    /// <summary>Refuses what the real server refuses among the fields the simulator's clients send (name, selector, Ingress paths).</summary>
    public static void Validate(ResourceKind kind, JsonObject obj)
    {
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
        var causes = new List<(string Field, string Reason, string Message)>();
        var nameRule = kind == ResourceKind.Namespaces || kind == ResourceKind.Services ? Label() : Subdomain();
        if (name.Length == 0)
        {
            causes.Add(("metadata.name", "FieldValueRequired", "Required value: name or generateName is required"));
        }
        else if (name.Length > 253 || !nameRule.IsMatch(name))
        {
            var rule = nameRule == Label()
                ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
            causes.Add(("metadata.name", "FieldValueInvalid", $"Invalid value: \"{name}\": {rule}"));
        }

        if (kind == ResourceKind.Deployments || kind == ResourceKind.ReplicaSets)
        {
            var selector = obj["spec"]?["selector"]?["matchLabels"] as JsonObject;
            var labels = obj["spec"]?["template"]?["metadata"]?["labels"] as JsonObject;
            if (selector is null || selector.Count == 0)
            {
                causes.Add(("spec.selector", "FieldValueRequired", "Required value"));
            }
            else if (labels is null || selector.Any(s => labels[s.Key]?.ToJsonString() != s.Value?.ToJsonString()))
            {
                causes.Add(("spec.template.metadata.labels", "FieldValueInvalid", "Invalid value: selector does not match template labels: `selector` does not match template `labels`"));
            }

            if (obj["spec"]?["template"]?["spec"]?["containers"] is not JsonArray { Count: > 0 })
            {
                causes.Add(("spec.template.spec.containers", "FieldValueRequired", "Required value"));
            }
        }
        else if (kind == ResourceKind.Ingresses)
        {
            var rules = obj["spec"]?["rules"] as JsonArray ?? [];
            for (var r = 0; r < rules.Count; r++)
            {
                var paths = rules[r]?["http"]?["paths"] as JsonArray ?? [];
                for (var p = 0; p < paths.Count; p++)
                {
                    if (paths[p]?["pathType"] is null)
                    {
                        causes.Add(($"spec.rules[{r}].http.paths[{p}].pathType", "FieldValueRequired", "Required value: pathType must be specified"));
                    }
                }
            }
        }

        if (causes.Count > 0)
        {
            throw ApiError.Invalid(kind, name, causes);
        }
    }

    private static void DefaultPodSpec(JsonObject? spec)
    {
        if (spec is null)
        {
            return;
        }

        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["securityContext"] ??= new JsonObject();
        foreach (var container in (spec["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var image = container["image"]?.GetValue<string>() ?? string.Empty;
            var tagged = image.Contains('@', StringComparison.Ordinal) || (image.LastIndexOf(':') > image.LastIndexOf('/') && !image.EndsWith(":latest", StringComparison.Ordinal));
            container["imagePullPolicy"] ??= tagged ? "IfNotPresent" : "Always";
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            foreach (var port in (container["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
            }
        }
    }
}
