using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace Provisioner.Durable.Backends;

/// <summary>
/// The in-process engine's in-memory store with configured limits. The base class fixes both at
/// <see cref="Environment.ProcessorCount"/> and its dispatcher sleeps 500 ms whenever that many work
/// items are in flight, so on two cores it advanced ~4 work items a second with the CPU idle.
/// Re-implementing the interface members is the only way in: they are not virtual. Activities are
/// held to their limit by a gate (<see cref="SidecarHandOff"/>).
/// </summary>
internal sealed class InMemoryEngineService(ILoggerFactory loggerFactory, int maxConcurrentOrchestrations, int maxConcurrentActivities)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService, IDisposable
{
    private readonly SidecarHandOff activities = new(maxConcurrentActivities);

    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => maxConcurrentOrchestrations;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => activities.Limit;

    async Task<TaskActivityWorkItem> IOrchestrationService.LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        (await activities.LockAsync<TaskActivityWorkItem>(async () => await LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken), cancellationToken))!;

    Task IOrchestrationService.CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        activities.SettleAsync(() => CompleteTaskActivityWorkItemAsync(workItem, responseMessage));

    Task IOrchestrationService.AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        activities.SettleAsync(() => AbandonTaskActivityWorkItemAsync(workItem));

    public void Dispose() => activities.Dispose();
}
