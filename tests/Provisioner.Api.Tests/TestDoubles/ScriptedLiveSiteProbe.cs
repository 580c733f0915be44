using System.Collections.Concurrent;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Api.Tests.TestDoubles;

/// <summary>A live-site probe double: the probes it is given in order, the last forever (by default the site answers 200).</summary>
internal sealed class ScriptedLiveSiteProbe : ILiveSiteProbe
{
    private readonly ConcurrentQueue<LiveProbeResult> looks = new();
    private LiveProbeResult last = Answered(200);

    public ConcurrentQueue<LiveProbeRequest> Requests { get; } = new();

    public void Script(params LiveProbeResult[] results)
    {
        foreach (var result in results)
        {
            looks.Enqueue(result);
        }

        last = results[^1];
    }

    public Task<LiveProbeResult> ProbeAsync(LiveProbeRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(looks.TryDequeue(out var next) ? next : last);
    }

    public static LiveProbeResult Answered(int status) =>
        new(status < 500, status, DnsResolvesToAddress: false, $"GET https://x/ through 203.0.113.10:443 answered {status}.");
}
