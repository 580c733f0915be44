using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Integrations;

/// <summary>Stands in for GitHub until it is configured: fails the step, never pretends.</summary>
public sealed class NotConfiguredSourceControl : ISourceControl
{
    private static IntegrationNotConfiguredException NotConfigured() =>
        new("GitHub", $"{SettingNames.GitHubToken}, {SettingNames.GitHubOwner} and {SettingNames.GitHubRepo}");

    /// <inheritdoc/>
    public Task<PullRequestRef> OpenPullRequestAsync(ProvisionPullRequest request, CancellationToken cancellationToken) => throw NotConfigured();

    /// <inheritdoc/>
    public Task<PullRequestStatus> GetPullRequestAsync(int number, CancellationToken cancellationToken) => throw NotConfigured();

    /// <inheritdoc/>
    public Task ClosePullRequestAsync(int number, string reason, CancellationToken cancellationToken) => throw NotConfigured();

    /// <inheritdoc/>
    public Task<int?> FindOpenPullRequestAsync(string provisionId, CancellationToken cancellationToken) => throw NotConfigured();
}

/// <summary>Stands in for Jenkins until it is configured: fails the step, never pretends.</summary>
public sealed class NotConfiguredBuildServer : IBuildServer
{
    private static IntegrationNotConfiguredException NotConfigured() =>
        new("Jenkins", $"{SettingNames.JenkinsUrl}, {SettingNames.JenkinsUser} and {SettingNames.JenkinsToken}");

    /// <inheritdoc/>
    public Task<BuildJobRef> EnsureJobAsync(BuildJobSpec spec, CancellationToken cancellationToken) => throw NotConfigured();

    /// <inheritdoc/>
    public Task<QueuedBuild> TriggerBuildAsync(string provisionId, BuildJobRef job, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken) =>
        throw NotConfigured();

    /// <inheritdoc/>
    public Task<BuildProgress> GetBuildProgressAsync(QueuedBuild build, CancellationToken cancellationToken) => throw NotConfigured();
}

/// <summary>Stands in for Kubernetes until it is configured: fails the step, never pretends.</summary>
public sealed class NotConfiguredClusterClient : IClusterClient
{
    private static IntegrationNotConfiguredException NotConfigured() =>
        new("Kubernetes", $"{SettingNames.KubeConfigPath} or {SettingNames.KubeConfigContent} (or run in-cluster)");

    /// <inheritdoc/>
    public Task<RolloutStatus> GetRolloutStatusAsync(SiteIdentity site, CancellationToken cancellationToken) => throw NotConfigured();

    /// <inheritdoc/>
    public Task<RolloutEvidence> DescribeRolloutAsync(SiteIdentity site, CancellationToken cancellationToken) => throw NotConfigured();

    /// <inheritdoc/>
    public Task<AppliedIngress> ApplyIngressAsync(string namespaceName, string manifestYaml, CancellationToken cancellationToken) =>
        throw NotConfigured();

    /// <inheritdoc/>
    public Task<IngressAddress?> GetIngressAddressAsync(string namespaceName, string ingressName, CancellationToken cancellationToken) =>
        throw NotConfigured();
}

/// <summary>Stands in for the live-site probe until the Kubernetes integration is registered: fails the step, never pretends.</summary>
public sealed class NotConfiguredLiveSiteProbe : ILiveSiteProbe
{
    /// <inheritdoc/>
    public Task<LiveProbeResult> ProbeAsync(LiveProbeRequest request, CancellationToken cancellationToken) =>
        throw new IntegrationNotConfiguredException("The live-site probe", $"{SettingNames.KubeConfigPath} or {SettingNames.KubeConfigContent} (or run in-cluster), or {SettingNames.LiveProbeTimeout}=0 to turn the probe off");
}
