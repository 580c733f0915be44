using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask.Testing.Sidecar.Dispatcher;
using Microsoft.Extensions.Logging;

namespace Provisioner.Durable.Backends;

/// <summary>
/// The Azure Storage backend (a sealed class, hence wrapped) with the fixes the sidecar needs on it.
/// <list type="bullet">
/// <item>A sub-orchestration's creation is recorded in the parent's history as the plain
/// <see cref="SubOrchestrationInstanceCreatedEvent"/>. The sidecar records a subclass that carries a
/// trace context but no [DataContract], and the backend writes history rows from data contracts
/// only: the row lacked its event type, the parent's history no longer loaded, and the parent never
/// saw its sub-orchestration finish.</item>
/// <item>Scheduling with dedupe statuses is atomic. The backend checks the instance's status, queues
/// the start message, then writes the instance row, and when two schedules race it lets the loser's
/// row write fail silently: both callers are told they started the instance, though only the winner's
/// execution runs (the backend drops start messages whose execution id the row does not carry). Here
/// the loser reads the row back and, finding another execution id, gets the
/// <see cref="OrchestrationAlreadyExistsException"/> a serial schedule would have given.</item>
/// <item>Waiting for an instance polls its row from 20 ms up to 500 ms rather than every 2 s, so a
/// short orchestration is seen finished when it finishes.</item>
/// <item>Activities are fetched several at a time (<see cref="ActivityPrefetcher"/>).</item>
/// <item>Activities are held to their limit by a gate, not by the sidecar's sleeping dispatcher (<see cref="SidecarHandOff"/>).</item>
/// </list>
/// </summary>
internal sealed class AzureStorageEngineService(AzureStorageOrchestrationService service, int activityFetchers, ILogger logger)
    : IOrchestrationService, IOrchestrationServiceClient, IOrchestrationServiceQueryClient, IOrchestrationServicePurgeClient, IDisposable
{
    private readonly ActivityPrefetcher activities = new(service, activityFetchers, logger);
    private readonly SidecarHandOff activitySlots = new(service.MaxConcurrentTaskActivityWorkItems);

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(500);

    // The dispatcher's side.
    public int TaskOrchestrationDispatcherCount => service.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => service.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => service.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => service.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => activitySlots.Limit;

    public async Task StartAsync()
    {
        await service.StartAsync();
        activities.Start();
    }

    public Task StopAsync() => StopAsync(isForced: false);

    public async Task StopAsync(bool isForced)
    {
        await activities.StopAsync();
        await service.StopAsync(isForced);
    }

    public Task CreateAsync() => service.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => service.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => service.CreateIfNotExistsAsync();

    public Task DeleteAsync() => service.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => service.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        service.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => service.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => service.GetDelayInSecondsAfterOnFetchException(exception);

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        service.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => service.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var newEvents = newOrchestrationRuntimeState.NewEvents;
        for (var i = 0; i < newEvents.Count; i++)
        {
            if (newEvents[i] is GrpcSubOrchestrationInstanceCreatedEvent created)
            {
                newEvents[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                };
            }
        }

        return service.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => service.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => service.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        (await activitySlots.LockAsync<TaskActivityWorkItem>(async () => await activities.NextAsync(receiveTimeout, cancellationToken), cancellationToken))!;

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => service.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        activitySlots.SettleAsync(() => service.CompleteTaskActivityWorkItemAsync(workItem, responseMessage));

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => activitySlots.SettleAsync(() => service.AbandonTaskActivityWorkItemAsync(workItem));

    // The management side.
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => service.CreateTaskOrchestrationAsync(creationMessage);

    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        await service.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
        if (dedupeStatuses is not { Length: > 0 })
        {
            return;
        }

        var instance = creationMessage.OrchestrationInstance;
        var state = await service.GetOrchestrationStateAsync(instance.InstanceId, executionId: null);
        if (state?.OrchestrationInstance?.ExecutionId is { } winner && !string.Equals(winner, instance.ExecutionId, StringComparison.OrdinalIgnoreCase))
        {
            throw new OrchestrationAlreadyExistsException(
                $"An orchestration with id '{instance.InstanceId}' already exists: another request started it at the same moment. It's in the {state.OrchestrationStatus} state.");
        }
    }

    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => service.SendTaskOrchestrationMessageAsync(message);

    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => service.SendTaskOrchestrationMessageBatchAsync(messages);

    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var delay = FirstPoll;
        while (true)
        {
            var state = await service.GetOrchestrationStateAsync(instanceId, executionId);
            if (state?.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled)
            {
                return state;
            }

            try
            {
                await Task.Delay(delay, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null!; // The interface's answer for "not finished within the timeout".
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
        }
    }

    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => service.ForceTerminateTaskOrchestrationAsync(instanceId, reason);

    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) => service.GetOrchestrationStateAsync(instanceId, allExecutions);

    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) => service.GetOrchestrationStateAsync(instanceId, executionId);

    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => service.GetOrchestrationHistoryAsync(instanceId, executionId);

    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        service.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);

    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) =>
        ((IOrchestrationServiceQueryClient)service).GetOrchestrationWithQueryAsync(query, cancellationToken);

    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId);

    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) =>
        ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(purgeInstanceFilter);

    public void Dispose()
    {
        service.Dispose();
        activitySlots.Dispose();
    }
}
