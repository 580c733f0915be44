using Provisioner.Benchmarks;
using Provisioner.Durable;
using Provisioner.Testing.Azurite;

// dotnet run -c Release --project tests/Provisioner.Benchmarks [-- N... [--in-memory-only | --azure-storage-only] [--azurite-in-memory] [--steps]]
// For each backend (in memory; Azure Storage on a private Azurite) and each N (default 1 50 200 1000): a
// fresh runner and task hub, N provisions POSTed at once through the runner's API, each pull request
// merged through the GitHub simulator, every provision followed to Completed. Prints provisions/s to
// AwaitingApproval and from the first merge to the last end, RSS before/after/after a GC, and the managed
// heap each ended provision left behind. Run it on a quiet machine: the load average is printed.
var azuriteInMemory = args.Contains("--azurite-in-memory");
DurableBackend[] backends = args.Contains("--in-memory-only") ? [DurableBackend.InMemory]
    : args.Contains("--azure-storage-only") ? [DurableBackend.AzureStorage]
    : [DurableBackend.InMemory, DurableBackend.AzureStorage];
int[] counts = [.. args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse)];
counts = counts.Length == 0 ? [1, 50, 200, 1000] : counts;

await using var azurite = await AzuriteServer.StartAsync(keepDataInMemory: azuriteInMemory);
Console.WriteLine($"{Environment.ProcessorCount} cores; load average {LoadAverage()}; Azurite data {(azuriteInMemory ? "in memory" : "on disk")}.");
Console.WriteLine(InstantIntegrations.Description + " GitHub is the simulator (REST), as a process of its own; the runner and this program's HTTP client share this process.");
Console.WriteLine($"{"backend",-12} {"N",5} {"→AwaitingApproval/s",20} {"merge→end/s",12} {"merges answered",16} {"RSS before",11} {"after",8} {"after GC",9} {"heap kept/provision",20}  load");
string? engine = null;
foreach (var backend in backends)
{
    foreach (var n in counts)
    {
        var round = await ProvisionRound.RunAsync(backend, n, azurite);
        var m = round.Memory;
        engine ??= round.Engine.Description;
        Console.WriteLine(
            $"{backend,-12} {n,5} {n / round.ToAwaitingApproval.TotalSeconds,20:0.0} {n / round.MergeToEnd.TotalSeconds,12:0.0} {round.MergesAnswered.TotalSeconds,14:0.00} s " +
            $"{m.RssBeforeMb,8:0} MB {m.RssAfterMb,5:0} MB {m.RssAfterGcMb,6:0} MB {m.HeapKeptKbPerProvision,17:0.0} KB  {LoadAverage()}");
        if (args.Contains("--steps"))
        {
            Console.WriteLine($"{"",18} steps (median/slowest): {round.Steps}");
        }
    }
}

Console.WriteLine(engine);

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
