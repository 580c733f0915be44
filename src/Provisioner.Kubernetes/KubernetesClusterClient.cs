using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Provisioner.Kubernetes.Connection;
using Provisioner.Kubernetes.Ingress;
using Provisioner.Kubernetes.Rollout;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Kubernetes;

/// <summary>
/// The cluster through the Kubernetes API (KubernetesClient): one read per rollout look, evidence
/// from the Deployment's pods and Warning events, and the site's Ingress by server-side apply as
/// field manager <c>provisioner</c>, never forced. Every call is safe to repeat.
/// </summary>
internal sealed class KubernetesClusterClient(KubernetesConnection connection, KubernetesClientOptions options, ILogger<KubernetesClusterClient> logger) : IClusterClient
{
    /// <summary>The field manager of everything Provisioner applies; an Ingress without it is someone else's.</summary>
    public const string FieldManager = "provisioner";

    public async Task<RolloutStatus> GetRolloutStatusAsync(SiteIdentity site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var deployment = await ReadDeploymentAsync(site, cancellationToken);
        if (deployment is null)
        {
            return new RolloutStatus(RolloutState.NotFound, $"deployments.apps \"{site.AppName}\" not found in namespace {site.Namespace}: the build has not applied it yet.");
        }

        var status = RolloutJudge.Judge(deployment);
        logger.LogInformation("Rollout of {Namespace}/{Deployment}: {State}, {Message}", site.Namespace, site.AppName, status.State, status.Message);
        return status;
    }

    public async Task<RolloutEvidence> DescribeRolloutAsync(SiteIdentity site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var deployment = await ReadDeploymentAsync(site, cancellationToken);
        if (deployment is null)
        {
            return new RolloutEvidence([], []);
        }

        var client = await connection.ClientAsync(cancellationToken);
        var selector = string.Join(",", (deployment.Spec?.Selector?.MatchLabels ?? new Dictionary<string, string>()).Select(l => $"{l.Key}={l.Value}"));
        var pods = await KubernetesErrors.RunAsync(new KubernetesCall("list", "pods", site.Namespace), options.RequestTimeout,
            token => client.CoreV1.ListNamespacedPodAsync(site.Namespace, labelSelector: selector, cancellationToken: token), cancellationToken);
        var events = await KubernetesErrors.RunAsync(new KubernetesCall("list", "events", site.Namespace), options.RequestTimeout,
            token => client.CoreV1.ListNamespacedEventAsync(site.Namespace, fieldSelector: "type=Warning", cancellationToken: token), cancellationToken);
        return EvidenceCollector.Collect(deployment, pods.Items, events.Items, options.MaxPods, options.MaxEvents, options.MaxMessageLength);
    }

    public async Task<AppliedIngress> ApplyIngressAsync(string namespaceName, string manifestYaml, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(namespaceName);
        var ingress = IngressManifest.Parse(manifestYaml, namespaceName);
        var name = ingress.Metadata.Name;
        var hosts = IngressManifest.Hosts(ingress);
        var client = await connection.ClientAsync(cancellationToken);

        // Look before applying: whoever else routes the host, or owns an Ingress of this name, keeps it.
        var existing = await KubernetesErrors.RunAsync(new KubernetesCall("list", "ingresses.networking.k8s.io", namespaceName), options.RequestTimeout,
            token => client.NetworkingV1.ListNamespacedIngressAsync(namespaceName, cancellationToken: token), cancellationToken);
        foreach (var other in existing.Items)
        {
            var otherName = other.Metadata?.Name;
            var managers = (other.Metadata?.ManagedFields ?? []).Select(m => m.Manager).Where(m => m is not null).Distinct().ToList();
            var ours = managers.Contains(FieldManager);
            if (otherName == name && !ours)
            {
                throw new PermanentIntegrationException($"Ingress {namespaceName}/{name} already exists and is not managed by Provisioner (its field managers: {Describe(managers)}). Provisioner does not take it over: delete it, or let its owner remove it, then retry.");
            }

            var shared = IngressManifest.Hosts(other).Intersect(hosts, StringComparer.OrdinalIgnoreCase).ToList();
            if (otherName != name && shared.Count > 0)
            {
                throw new PermanentIntegrationException($"Ingress {namespaceName}/{otherName} already routes {string.Join(", ", shared)} and is {(ours ? "another site's" : "not managed by Provisioner")} (its field managers: {Describe(managers)}). Provisioner does not take a host over: remove that Ingress's rule for the host, then retry.");
            }
        }

        var applied = await KubernetesErrors.RunAsync(new KubernetesCall("patch", "ingresses.networking.k8s.io", namespaceName, name), options.RequestTimeout,
            token => client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch(ingress, V1Patch.PatchType.ApplyPatch), name, namespaceName, fieldManager: FieldManager, force: false, cancellationToken: token),
            cancellationToken);
        logger.LogInformation("Applied Ingress {Namespace}/{Name} for {Hosts} (resourceVersion {ResourceVersion}).", namespaceName, name, string.Join(", ", hosts), applied.Metadata?.ResourceVersion);
        return new AppliedIngress(name, IngressManifest.Hosts(applied), applied.Spec?.Tls is { Count: > 0 }, applied.Spec?.IngressClassName);
    }

    public async Task<IngressAddress?> GetIngressAddressAsync(string namespaceName, string ingressName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(namespaceName);
        ArgumentException.ThrowIfNullOrEmpty(ingressName);
        var client = await connection.ClientAsync(cancellationToken);
        V1Ingress ingress;
        try
        {
            ingress = await KubernetesErrors.RunAsync(new KubernetesCall("get", "ingresses.networking.k8s.io", namespaceName, ingressName), options.RequestTimeout,
                token => client.NetworkingV1.ReadNamespacedIngressAsync(ingressName, namespaceName, cancellationToken: token), cancellationToken);
        }
        catch (NotFoundException ex)
        {
            throw new PermanentIntegrationException($"Ingress {namespaceName}/{ingressName} does not exist ({ex.StatusMessage}); it was applied earlier, so something deleted it. Retry the provision to apply it again.", ex);
        }

        var point = ingress.Status?.LoadBalancer?.Ingress?.FirstOrDefault(i => !string.IsNullOrEmpty(i.Ip) || !string.IsNullOrEmpty(i.Hostname));
        if (point is null)
        {
            return null;
        }

        return new IngressAddress(string.IsNullOrEmpty(point.Ip) ? point.Hostname : point.Ip, point.Ports?.FirstOrDefault()?.Port);
    }

    private async Task<V1Deployment?> ReadDeploymentAsync(SiteIdentity site, CancellationToken cancellationToken)
    {
        var client = await connection.ClientAsync(cancellationToken);
        try
        {
            return await KubernetesErrors.RunAsync(new KubernetesCall("get", "deployments.apps", site.Namespace, site.AppName), options.RequestTimeout,
                token => client.AppsV1.ReadNamespacedDeploymentAsync(site.AppName, site.Namespace, cancellationToken: token), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static string Describe(IReadOnlyList<string> managers) => managers.Count == 0 ? "none recorded" : string.Join(", ", managers);
}
