using System.Net;
using System.Text.Json.Nodes;
using Provisioner.Simulators.Kubernetes.Api;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes.Controllers;

/// <summary>
/// An ingress controller for one class (ingress-nginx by default): an Ingress of that class gets the
/// controller's address in <c>status.loadBalancer.ingress</c> after a while; others are left alone.
/// </summary>
internal sealed class IngressController(ObjectStore store, EventRecorder events, KubernetesSimulatorOptions options)
{
    private const string Component = "nginx-ingress-controller";

    private readonly Dictionary<string, DateTimeOffset> firstSeen = new(StringComparer.Ordinal);

    public void Reconcile(DateTimeOffset now)
    {
        var (ingresses, _) = store.List(ResourceKind.Ingresses, null, _ => true);
        foreach (var ingress in ingresses)
        {
            var uid = ingress["metadata"]!["uid"]!.GetValue<string>();
            if (ingress["spec"]?["ingressClassName"]?.GetValue<string>() != options.IngressClass)
            {
                firstSeen.Remove(uid);
                continue;
            }

            if (!firstSeen.TryGetValue(uid, out var seen))
            {
                firstSeen[uid] = now;
                events.Normal(ingress, "Sync", "Scheduled for sync", Component);
                continue;
            }

            if (now - seen < options.Timings.IngressAddress)
            {
                continue;
            }

            var point = IPAddress.TryParse(options.IngressAddress, out _)
                ? new JsonObject { ["ip"] = options.IngressAddress }
                : new JsonObject { ["hostname"] = options.IngressAddress };
            if (options.IngressPort is { } port)
            {
                point["ports"] = new JsonArray(new JsonObject { ["port"] = port, ["protocol"] = "TCP" });
            }

            ingress["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(point) } };
            store.SystemWrite(ResourceKind.Ingresses, ingress);
        }

        var live = ingresses.Select(i => i["metadata"]!["uid"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in firstSeen.Keys.Where(k => !live.Contains(k)).ToList())
        {
            firstSeen.Remove(gone);
        }
    }
}
