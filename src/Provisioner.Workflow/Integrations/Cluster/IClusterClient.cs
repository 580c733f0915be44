using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Integrations.Cluster;

/// <summary>The Kubernetes cluster the site runs in.</summary>
public interface IClusterClient
{
    /// <summary>Looks once at the site's Deployment rollout, judged as <c>kubectl rollout status</c> judges it.</summary>
    Task<RolloutStatus> GetRolloutStatusAsync(SiteIdentity site, CancellationToken cancellationToken);

    /// <summary>
    /// Why a rollout is unhealthy: the site's pods that are not ready, with their containers'
    /// waiting or terminated reasons, and the latest Warning events of those pods and the
    /// Deployment. Capped, and without secrets.
    /// </summary>
    Task<RolloutEvidence> DescribeRolloutAsync(SiteIdentity site, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the Ingress in this manifest with server-side apply: creates it, changes nothing when
    /// it is unchanged, updates it when it differs. Fails, naming it, when another Ingress in the
    /// namespace not managed by Provisioner already routes the host. Safe to call twice.
    /// </summary>
    Task<AppliedIngress> ApplyIngressAsync(string namespaceName, string manifestYaml, CancellationToken cancellationToken);

    /// <summary>Looks once at the Ingress's load-balancer status; null while the ingress controller has given it no address.</summary>
    Task<IngressAddress?> GetIngressAddressAsync(string namespaceName, string ingressName, CancellationToken cancellationToken);
}

/// <summary>Where a rollout is.</summary>
public enum RolloutState
{
    /// <summary>The Deployment does not exist yet (the build has not applied it).</summary>
    NotFound,

    /// <summary>Pods are being replaced.</summary>
    Progressing,

    /// <summary>Every replica is updated and available.</summary>
    Complete,

    /// <summary>The Deployment exceeded its progress deadline.</summary>
    Failed,
}

/// <summary>One look at a rollout.</summary>
/// <param name="State">Where it is.</param>
/// <param name="Message">What kubectl would say.</param>
public sealed record RolloutStatus(RolloutState State, string Message);

/// <summary>What an unhealthy rollout shows.</summary>
/// <param name="Pods">The Deployment's pods that are not ready.</param>
/// <param name="Events">The latest Warning events of those pods and the Deployment, newest first.</param>
public sealed record RolloutEvidence(IReadOnlyList<PodEvidence> Pods, IReadOnlyList<EventEvidence> Events);

/// <summary>A pod that is not ready.</summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Phase">Its phase (Pending, Running, Failed…).</param>
/// <param name="Container">The container that is not ready, when one is.</param>
/// <param name="Reason">Its waiting or terminated reason (ImagePullBackOff, CrashLoopBackOff, OOMKilled…).</param>
/// <param name="Message">The message that came with the reason.</param>
/// <param name="RestartCount">How often the container restarted.</param>
public sealed record PodEvidence(string Name, string Phase, string? Container, string? Reason, string? Message, int RestartCount);

/// <summary>A Warning event.</summary>
/// <param name="Object">What it is about, e.g. <c>Pod/shop-example-com-7d9c-x2x</c>.</param>
/// <param name="Reason">The event's reason (Failed, BackOff, FailedScheduling…).</param>
/// <param name="Message">The event's message.</param>
/// <param name="Count">How often it happened.</param>
/// <param name="LastSeen">When it last happened (UTC).</param>
public sealed record EventEvidence(string Object, string Reason, string Message, int Count, DateTime? LastSeen);

/// <summary>An applied Ingress.</summary>
/// <param name="Name">The Ingress name.</param>
/// <param name="Hosts">The hosts it routes.</param>
/// <param name="Tls">True when it terminates TLS.</param>
/// <param name="ClassName">Its <c>ingressClassName</c>: which ingress controller should give it an address.</param>
public sealed record AppliedIngress(string Name, IReadOnlyList<string> Hosts, bool Tls, string? ClassName = null);

/// <summary>Where an ingress controller serves an Ingress (its <c>status.loadBalancer.ingress</c> entry).</summary>
/// <param name="Address">The IP address or host name.</param>
/// <param name="Port">The port, when the controller reports one (<c>ports[].port</c>); otherwise 80 or 443.</param>
public sealed record IngressAddress(string Address, int? Port = null);
