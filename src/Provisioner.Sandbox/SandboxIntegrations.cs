namespace Provisioner.Sandbox;

/// <summary>Which systems the sandbox stands in for.</summary>
[Flags]
public enum SandboxIntegrations
{
    /// <summary>None: every integration is a real system.</summary>
    None = 0,

    /// <summary>GitHub: the sites repository, the DevOps team, pull requests and their merge webhook.</summary>
    GitHub = 1,

    /// <summary>Jenkins: the site jobs and their builds, which check the site out of GitHub and apply it to Kubernetes.</summary>
    Jenkins = 2,

    /// <summary>Kubernetes: the cluster that rolls the site out, and the ingress controller in front of it.</summary>
    Kubernetes = 4,

    /// <summary>All three.</summary>
    All = GitHub | Jenkins | Kubernetes,
}
