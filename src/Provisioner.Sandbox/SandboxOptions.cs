namespace Provisioner.Sandbox;

/// <summary>How a <see cref="SandboxEnvironment"/> starts.</summary>
public sealed class SandboxOptions
{
    /// <summary>The systems to stand in for (all three by default). The others are real, and the options below say how the sandbox reaches them.</summary>
    public SandboxIntegrations Integrations { get; init; } = SandboxIntegrations.All;

    /// <summary>Where the GitHub simulator delivers its signed webhooks (the runner's <c>/api/github/webhook</c>); can also be set once the receiver listens (<see cref="SandboxEnvironment.DeliverWebhooksTo"/>).</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>0 for free ports; otherwise GitHub listens on this port, Jenkins on the next, Kubernetes on the one after and the ingress controller on the fourth.</summary>
    public int PortBase { get; init; }

    /// <summary>The owner of the sites repository. Default <c>contoso</c>.</summary>
    public string Owner { get; init; } = "contoso";

    /// <summary>The sites repository. Default <c>sites</c>.</summary>
    public string Repository { get; init; } = "sites";

    /// <summary>The DevOps team that reviews. Default <c>devops</c>.</summary>
    public string DevOpsTeam { get; init; } = "devops";

    /// <summary>The namespace sites run in. Default <c>sites</c>.</summary>
    public string Namespace { get; init; } = "sites";

    /// <summary>The Ingress class the ingress controller serves. Default <c>nginx</c>.</summary>
    public string IngressClass { get; init; } = "nginx";

    /// <summary>Where to write the cluster's kubeconfig; a file in the temporary folder (removed on stop) unless set.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>How long the sandbox's systems take.</summary>
    public SandboxPacing Pacing { get; init; } = SandboxPacing.Default;

    /// <summary>When GitHub is real and Jenkins is not: the GitHub token the sandbox's Jenkins clones the sites repository with.</summary>
    public string? CheckoutToken { get; init; }

    /// <summary>When Kubernetes is real and Jenkins is not: the kubeconfig (its content) the sandbox's Jenkins deploys with.</summary>
    public string? ClusterKubeconfig { get; init; }
}
