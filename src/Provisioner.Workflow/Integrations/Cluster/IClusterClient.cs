using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Integrations.Cluster;

/// <summary>The Kubernetes cluster the site runs in.</summary>
public interface IClusterClient
{
    /// <summary>Looks once at the site's Deployment rollout (kubectl rollout status semantics).</summary>
    Task<RolloutStatus> GetRolloutStatusAsync(SiteIdentity site, CancellationToken cancellationToken);

    /// <summary>Creates or updates the Ingress in this manifest. Safe to call twice.</summary>
    Task<AppliedIngress> ApplyIngressAsync(string namespaceName, string manifestYaml, CancellationToken cancellationToken);
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

/// <summary>An applied Ingress.</summary>
/// <param name="Name">The Ingress name.</param>
/// <param name="Hosts">The hosts it routes.</param>
/// <param name="Tls">True when it terminates TLS.</param>
public sealed record AppliedIngress(string Name, IReadOnlyList<string> Hosts, bool Tls);
