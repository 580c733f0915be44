using System.Collections.Concurrent;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Api.Tests.TestDoubles;

/// <summary>A cluster double: rollout looks in order (the last forever) and a record of applied Ingresses.</summary>
internal sealed class ScriptedCluster : IClusterClient
{
    private readonly ConcurrentQueue<RolloutStatus> looks = new();
    private RolloutStatus last = new(RolloutState.Complete, "deployment \"x\" successfully rolled out");

    public ConcurrentBag<string> AppliedManifests { get; } = [];

    public void Script(params RolloutStatus[] statuses)
    {
        foreach (var s in statuses)
        {
            looks.Enqueue(s);
        }

        last = statuses[^1];
    }

    public Task<RolloutStatus> GetRolloutStatusAsync(SiteIdentity site, CancellationToken cancellationToken) =>
        Task.FromResult(looks.TryDequeue(out var next) ? next : last);

    /// <summary>What a description of the rollout shows.</summary>
    public RolloutEvidence Evidence { get; set; } = new([], []);

    public Task<RolloutEvidence> DescribeRolloutAsync(SiteIdentity site, CancellationToken cancellationToken) =>
        Task.FromResult(Evidence);

    public Task<IngressAddress?> GetIngressAddressAsync(string namespaceName, string ingressName, CancellationToken cancellationToken) =>
        Task.FromResult<IngressAddress?>(new IngressAddress("203.0.113.10"));

    public Task<AppliedIngress> ApplyIngressAsync(string namespaceName, string manifestYaml, CancellationToken cancellationToken)
    {
        AppliedManifests.Add(manifestYaml);
        return Task.FromResult(new AppliedIngress("x", ["x"], Tls: true, "nginx"));
    }
}
