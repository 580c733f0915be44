using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace Provisioner.Durable.Backends;

/// <summary>
/// The in-process engine's in-memory store with configured limits. The base class fixes both at
/// <see cref="Environment.ProcessorCount"/> and its dispatcher sleeps 500 ms whenever that many work
/// items are in flight, so on two cores it advanced ~4 work items a second with the CPU idle.
/// Re-implementing the two interface properties is the only way in: they are not virtual.
/// </summary>
internal sealed class InMemoryEngineService(ILoggerFactory loggerFactory, int maxConcurrentOrchestrations, int maxConcurrentActivities)
    : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    int IOrchestrationService.MaxConcurrentTaskOrchestrationWorkItems => maxConcurrentOrchestrations;

    int IOrchestrationService.MaxConcurrentTaskActivityWorkItems => maxConcurrentActivities;
}
