using Microsoft.Extensions.DependencyInjection;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Benchmarks;

/// <summary>
/// Jenkins, Kubernetes and the live-site probe answering at once, in place of the real integrations:
/// every build has already succeeded, every rollout is complete, every Ingress has an address and
/// every site answers. So the figures measure the engine, the API and GitHub (the simulator), not a
/// build's or a rollout's pacing.
/// </summary>
internal static class InstantIntegrations
{
    public const string Description = "Jenkins, Kubernetes and the live-site probe are test doubles that answer at once (build SUCCESS, rollout complete, Ingress addressed, site up).";

    /// <summary>
    /// Settings that make Jenkins and Kubernetes "configured", so the runner starts no sandbox for them
    /// (which a persistent store refuses); the doubles answer in their place and nothing is contacted.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        [SettingNames.JenkinsUrl] = "https://jenkins.invalid/",
        [SettingNames.JenkinsUser] = "benchmark",
        [SettingNames.JenkinsToken] = "unused",
        [SettingNames.KubeConfigPath] = "/nonexistent/kubeconfig",
    };

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IBuildServer, InstantBuildServer>();
        services.AddSingleton<IClusterClient, InstantCluster>();
        services.AddSingleton<ILiveSiteProbe, InstantLiveSiteProbe>();
    }

    private sealed class InstantBuildServer : IBuildServer
    {
        public Task<BuildJobRef> EnsureJobAsync(BuildJobSpec spec, CancellationToken cancellationToken) =>
            Task.FromResult(new BuildJobRef($"sites/{spec.Site.AppName}", $"http://jenkins.invalid/job/sites/job/{spec.Site.AppName}/"));

        public Task<QueuedBuild> TriggerBuildAsync(string provisionId, BuildJobRef job, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken) =>
            Task.FromResult(new QueuedBuild(job, 1, "http://jenkins.invalid/queue/item/1/", provisionId));

        public Task<BuildProgress> GetBuildProgressAsync(QueuedBuild build, CancellationToken cancellationToken) =>
            Task.FromResult(new BuildProgress(BuildState.Finished, 1, build.Job.Url + "1/", "SUCCESS", null));
    }

    private sealed class InstantCluster : IClusterClient
    {
        public Task<RolloutStatus> GetRolloutStatusAsync(SiteIdentity site, CancellationToken cancellationToken) =>
            Task.FromResult(new RolloutStatus(RolloutState.Complete, $"deployment \"{site.AppName}\" successfully rolled out"));

        public Task<RolloutEvidence> DescribeRolloutAsync(SiteIdentity site, CancellationToken cancellationToken) =>
            Task.FromResult(new RolloutEvidence([], []));

        public Task<AppliedIngress> ApplyIngressAsync(string namespaceName, string manifestYaml, CancellationToken cancellationToken) =>
            Task.FromResult(new AppliedIngress("site", [], Tls: false));

        public Task<IngressAddress?> GetIngressAddressAsync(string namespaceName, string ingressName, CancellationToken cancellationToken) =>
            Task.FromResult<IngressAddress?>(new IngressAddress("127.0.0.1", 80));
    }

    private sealed class InstantLiveSiteProbe : ILiveSiteProbe
    {
        public Task<LiveProbeResult> ProbeAsync(LiveProbeRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new LiveProbeResult(true, 200, DnsResolvesToAddress: true, "200 OK"));
    }
}
