using Provisioner.Durable;

namespace Provisioner.Local.Durable;

/// <summary>A simulator running inside the runner's process.</summary>
/// <param name="Integration">The system it stands for, e.g. GitHub.</param>
/// <param name="RunApart">How to run it as a process of its own and point the runner at it.</param>
internal sealed record InProcessSimulator(string Integration, string RunApart);

/// <summary>
/// Refuses a durable store that outlives the runner together with a simulator that lives inside it:
/// after a restart the provisions would come back waiting on pull requests (or builds, or clusters)
/// that the restarted simulator never heard of.
/// </summary>
internal static class DurableStoreGuard
{
    /// <summary>Throws a <see cref="RunnerStartException"/> when the engine keeps provisions across restarts and a simulator runs in the runner's process.</summary>
    public static void EnsureSimulatorsOutliveTheRunner(DurableEngineInfo engine, IReadOnlyList<InProcessSimulator> simulators)
    {
        if (!engine.KeepsStateAcrossRestarts || simulators.Count == 0)
        {
            return;
        }

        throw new RunnerStartException(
            $"{DurableEngineOptions.StorageConnectionSetting} is set, so provisions outlive the runner (task hub {engine.TaskHubName}), " +
            $"but the {string.Join(" and ", simulators.Select(s => s.Integration))} simulator runs inside the runner and would forget them when it stops. " +
            $"Run it as a process of its own ({string.Join("; ", simulators.Select(s => s.RunApart))}), " +
            $"or unset {DurableEngineOptions.StorageConnectionSetting} to keep provisions in memory.");
    }
}
