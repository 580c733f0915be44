using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioner.Durable;
using Provisioner.Durable.Benchmarks;
using Provisioner.Testing.Azurite;

// dotnet run -c Release --project tests/Provisioner.Durable.Benchmarks [-- N... [--azurite-in-memory]]
// For each backend (in memory; Azure Storage on a private Azurite) and each N (default 1 50 200 1000):
// a fresh host and task hub, N provision-shaped orchestrations scheduled at once, then the merge event
// raised to all. Prints orchestrations/s to the waiting point and from the event to the end, and the
// process's RSS before, after, and after a full GC. Limits: host.json's, or the usual overrides
// (AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions=…).
var azuriteInMemory = args.Contains("--azurite-in-memory");
var counts = args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).DefaultIfEmpty().ToArray();
counts = counts is [0] ? [1, 50, 200, 1000] : counts;
await using var azurite = await AzuriteServer.StartAsync(keepDataInMemory: azuriteInMemory);
Console.WriteLine($"{Environment.ProcessorCount} cores; Azurite {azurite.BlobEndpoint}, data {(azuriteInMemory ? "in memory" : "on disk")}");
Console.WriteLine($"{"backend",-13} {"N",5} {"to wait/s",10} {"event→end/s",12} {"RSS before",11} {"after",8} {"after GC",9}  limits (orchestrator/activity)");
foreach (var backend in new[] { DurableBackend.InMemory, DurableBackend.AzureStorage })
{
    foreach (var n in counts)
    {
        Console.WriteLine(await RunAsync(backend, n, azurite));
    }
}

static async Task<string> RunAsync(DurableBackend backend, int n, AzuriteServer azurite)
{
    var flow = new ProvisionShapedFlow();
    var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Configuration.AddEnvironmentVariables();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["TASKHUB_NAME"] = "bench" + Guid.NewGuid().ToString("N")[..12],
        ["AzureWebJobsStorage"] = backend == DurableBackend.AzureStorage ? azurite.ConnectionString : null,
    });
    builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddDurableEngine(builder.Configuration, flow.Register);
    using var host = builder.Build();
    await host.StartAsync();
    var client = host.Services.GetRequiredService<DurableTaskClient>();
    var info = host.Services.GetRequiredService<DurableEngineInfo>();

    // One instance first, uncounted, so N = 1 measures an instance and not the first call's JIT.
    await client.ScheduleNewOrchestrationInstanceAsync(ProvisionShapedFlow.Name, "warmup.example.com", new StartOrchestrationOptions("warmup"));
    await Until(() => Task.FromResult(flow.Waiting == 1), "the warm-up to reach the wait");
    await client.RaiseEventAsync("warmup", ProvisionShapedFlow.MergedEvent, "merged");
    await Until(() => Task.FromResult(flow.Ended == 1), "the warm-up to end");

    var rssBefore = Rss();
    var ids = Enumerable.Range(0, n).Select(i => $"provision-{i}").ToArray();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(ids.Select(id => client.ScheduleNewOrchestrationInstanceAsync(ProvisionShapedFlow.Name, $"site{id}.example.com", new StartOrchestrationOptions(id))));
    await Until(() => Task.FromResult(flow.Waiting == n + 1), $"{n} to reach the wait ({flow.Waiting} so far)");
    var toWait = clock.Elapsed;

    clock.Restart();
    await Task.WhenAll(ids.Select(id => client.RaiseEventAsync(id, ProvisionShapedFlow.MergedEvent, "merged")));
    await Until(() => Task.FromResult(flow.Ended == n + 1), $"{n} to end ({flow.Ended} so far)");
    foreach (var id in ids)
    {
        await Until(async () => (await client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} to complete");
    }

    var eventToEnd = clock.Elapsed;
    var rssAfter = Rss();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    var rssAfterGc = Rss();
    await host.StopAsync();

    return $"{backend,-13} {n,5} {n / toWait.TotalSeconds,10:0.0} {n / eventToEnd.TotalSeconds,12:0.0} {rssBefore,8} MB {rssAfter,5} MB {rssAfterGc,6} MB  {info.MaxConcurrentOrchestratorFunctions}/{info.MaxConcurrentActivityFunctions}";
}

static long Rss()
{
    using var self = Process.GetCurrentProcess();
    return self.WorkingSet64 / (1024 * 1024);
}

static async Task Until(Func<Task<bool>> condition, string what)
{
    var deadline = DateTime.UtcNow.AddMinutes(10);
    while (!await condition())
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"Waited 10 minutes for {what}.");
        }

        await Task.Delay(10);
    }
}
