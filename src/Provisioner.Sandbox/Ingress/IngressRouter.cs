using System.Text.Json.Nodes;
using Provisioner.Simulators.Kubernetes;

namespace Provisioner.Sandbox.Ingress;

/// <summary>
/// Routes as an ingress controller of one class does, from the cluster's objects: the Ingress rule
/// for the host (exact, then a <c>*.</c> wildcard, then a rule without host) and the longest matching
/// path, its Service, the Service's ready pods (its endpoints) and the container behind the target port.
/// </summary>
internal sealed class IngressRouter(ClusterState cluster, string ingressClass)
{
    private int next;

    public IngressRoute Resolve(string host, string path)
    {
        var candidates = cluster.List("ingresses")
            .Where(i => i["spec"]?["ingressClassName"]?.GetValue<string>() == ingressClass && i["metadata"]?["deletionTimestamp"] is null)
            .SelectMany(i => (i["spec"]?["rules"] as JsonArray ?? []).OfType<JsonObject>().Select(rule => (Ingress: i, Rule: rule)))
            .ToList();
        var rules = Matching(candidates, r => string.Equals(Host(r.Rule), host, StringComparison.OrdinalIgnoreCase))
            ?? Matching(candidates, r => Host(r.Rule) is { } h && h.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(h[1..], StringComparison.OrdinalIgnoreCase) && !host[..^(h.Length - 1)].Contains('.', StringComparison.Ordinal))
            ?? Matching(candidates, r => Host(r.Rule) is null);
        if (rules is null)
        {
            return new NoRoute();
        }

        var backend = rules
            .SelectMany(r => (r.Rule["http"]?["paths"] as JsonArray ?? []).OfType<JsonObject>().Select(p => (r.Ingress, Path: p)))
            .Where(p => PathMatches(p.Path, path))
            .OrderByDescending(p => p.Path["path"]?.GetValue<string>()?.Length ?? 0)
            .Select(p => (p.Ingress, Backend: p.Path["backend"] as JsonObject))
            .FirstOrDefault();
        if (backend.Backend?["service"] is not JsonObject service)
        {
            return new NoRoute();
        }

        var namespaceName = backend.Ingress["metadata"]!["namespace"]!.GetValue<string>();
        return Endpoint(namespaceName, service["name"]?.GetValue<string>() ?? string.Empty, service["port"] as JsonObject);
    }

    private static List<(JsonObject Ingress, JsonObject Rule)>? Matching(List<(JsonObject Ingress, JsonObject Rule)> candidates, Func<(JsonObject Ingress, JsonObject Rule), bool> match)
    {
        var found = candidates.Where(match).ToList();
        return found.Count > 0 ? found : null;
    }

    private static string? Host(JsonObject rule) => rule["host"]?.GetValue<string>() is { Length: > 0 } host ? host : null;

    private static bool PathMatches(JsonObject rulePath, string path)
    {
        var prefix = rulePath["path"]?.GetValue<string>() ?? "/";
        if (rulePath["pathType"]?.GetValue<string>() == "Exact")
        {
            return path == prefix;
        }

        // Prefix: element by element, so /shop matches /shop and /shop/x but not /shopping.
        var trimmed = prefix.TrimEnd('/');
        return trimmed.Length == 0 || path == trimmed || path.StartsWith(trimmed + "/", StringComparison.Ordinal);
    }

    private IngressRoute Endpoint(string namespaceName, string serviceName, JsonObject? servicePort)
    {
        var service = cluster.Get("services", namespaceName, serviceName);
        if (service is null)
        {
            return new NoEndpoints($"service {namespaceName}/{serviceName} does not exist");
        }

        var port = (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(p =>
            (servicePort?["number"] is { } number && p["port"]?.GetValue<int>() == number.GetValue<int>()) ||
            (servicePort?["name"] is { } name && p["name"]?.GetValue<string>() == name.GetValue<string>()));
        if (port is null)
        {
            return new NoEndpoints($"service {namespaceName}/{serviceName} has no port {servicePort?.ToJsonString()}");
        }

        var selector = (service["spec"]?["selector"] as JsonObject ?? []).ToDictionary(l => l.Key, l => l.Value?.GetValue<string>());
        var ready = selector.Count == 0 ? [] : cluster.List("pods", namespaceName)
            .Where(pod => selector.All(l => pod["metadata"]?["labels"]?[l.Key]?.GetValue<string>() == l.Value))
            .Where(pod => pod["metadata"]?["deletionTimestamp"] is null && IsReady(pod))
            .ToList();
        if (ready.Count == 0)
        {
            return new NoEndpoints($"service {namespaceName}/{serviceName} has no ready endpoints");
        }

        var pod = ready[(int)((uint)Interlocked.Increment(ref next) % (uint)ready.Count)];
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var target = port["targetPort"] ?? port["port"];
        var container = containers.FirstOrDefault(c => (c["ports"] as JsonArray ?? []).OfType<JsonObject>().Any(p => Serves(p, target))) ?? containers.FirstOrDefault();
        return new PodEndpoint($"{namespaceName}/{pod["metadata"]!["name"]}", container?["image"]?.GetValue<string>() ?? string.Empty);
    }

    private static bool Serves(JsonObject containerPort, JsonNode? target) =>
        target?.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? containerPort["containerPort"]?.GetValue<int>() == target.GetValue<int>()
            : containerPort["name"]?.GetValue<string>() == target?.GetValue<string>();

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(c => c["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True");
}
