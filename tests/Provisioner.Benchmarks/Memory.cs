using System.Diagnostics;

namespace Provisioner.Benchmarks;

/// <summary>The process's resident set and managed heap, right after a full, compacting GC.</summary>
internal sealed record MemorySample(long RssBytes, long HeapBytes)
{
    public static MemorySample Take()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return new MemorySample(Rss(), GC.GetTotalMemory(forceFullCollection: false));
    }

    public static long Rss()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }
}

/// <summary>
/// Memory around a round: RSS before (after a GC), right after the last provision ended, and after a GC;
/// and the managed heap each ended provision left behind in the runner.
/// </summary>
internal sealed record MemoryFigures(MemorySample Before, long RssAfterBytes, MemorySample After, int Provisions)
{
    public double RssBeforeMb => Before.RssBytes / 1048576.0;

    public double RssAfterMb => RssAfterBytes / 1048576.0;

    public double RssAfterGcMb => After.RssBytes / 1048576.0;

    public double HeapKeptKbPerProvision => (After.HeapBytes - Before.HeapBytes) / 1024.0 / Provisions;
}
