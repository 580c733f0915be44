using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Provisioner.Durable.Tests.Support;

namespace Provisioner.Durable.Tests;

/// <summary>The configured activity limit is the one in effect, on both backends: reached, and never passed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConcurrencyTests(AzuriteFixture azurite)
{
    public static TheoryData<Backend> Backends => AzuriteFixture.Backends;

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Activities_run_concurrently_up_to_the_configured_limit_and_no_further(Backend backend)
    {
        // More than this machine's cores (the in-memory engine's old fixed limit), fewer than the instances.
        const int Limit = 5;
        const int Instances = 8;
        var probe = new ConcurrencyProbe();
        await using var engine = await EngineHost.StartAsync(
            backend,
            azurite,
            registry =>
            {
                registry.AddActivityFunc("Hold", (TaskActivityContext _) => probe.HoldAsync());
                registry.AddOrchestratorFunc("CallHold", context => context.CallActivityAsync("Hold"));
            },
            new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:durableTask:maxConcurrentActivityFunctions"] = Limit.ToString() });
        Assert.Equal(Limit, engine.Info.MaxConcurrentActivityFunctions);

        var ids = await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => engine.Client.ScheduleNewOrchestrationInstanceAsync("CallHold")));

        await Eventually.HoldsAsync(() => probe.Running == Limit, () => $"{probe.Running} running", $"{Limit} activities to run at once");
        for (var released = 1; released <= Instances; released++)
        {
            probe.ReleaseOne();
            var expected = released;
            await Eventually.HoldsAsync(() => probe.Finished == expected, () => $"{probe.Finished} finished, {probe.Running} running", $"{expected} activities to finish");
        }

        foreach (var id in ids)
        {
            await engine.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        }

        Assert.Equal(Limit, probe.MostAtOnce);
    }

    /// <summary>Activities that hold until released, one at a time, counting how many ran at once.</summary>
    private sealed class ConcurrencyProbe
    {
        private readonly SemaphoreSlim release = new(0);
        private int running;
        private int finished;
        private int mostAtOnce;

        public int Running => Volatile.Read(ref running);

        public int Finished => Volatile.Read(ref finished);

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public async Task HoldAsync()
        {
            var now = Interlocked.Increment(ref running);
            for (var most = MostAtOnce; now > most; most = MostAtOnce)
            {
                Interlocked.CompareExchange(ref mostAtOnce, now, most);
            }

            await release.WaitAsync();
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref finished);
        }

        public void ReleaseOne() => release.Release();
    }
}
