using System.Threading.Channels;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Provisioner.Durable.Backends;

/// <summary>
/// Takes activity work items off the Azure Storage backend's work-item queue with several requests in
/// flight. The sidecar's dispatcher asks for one work item at a time and the backend answers each ask
/// with one queue request; with Azurite busy, a request took tens of milliseconds, so activities
/// waited seconds in the queue (4.4 s on average, 200 provisions at once) while activity slots sat
/// free. A few fetchers ahead of the dispatcher keep it fed. A work item fetched but not yet handed
/// out when the engine stops is abandoned, so it runs again after the restart (at least once, as ever).
/// </summary>
internal sealed partial class ActivityPrefetcher(IOrchestrationService service, int fetchers, ILogger logger)
{
    private readonly Channel<TaskActivityWorkItem> ready = Channel.CreateBounded<TaskActivityWorkItem>(fetchers);
    private CancellationTokenSource? stopping;
    private Task fetching = Task.CompletedTask;

    public void Start()
    {
        stopping = new CancellationTokenSource();
        var token = stopping.Token;
        fetching = Task.WhenAll(Enumerable.Range(0, fetchers).Select(_ => Task.Run(() => FetchAsync(token), CancellationToken.None)));
    }

    /// <summary>The next fetched work item; null (the interface's "none") when none came within <paramref name="receiveTimeout"/>.</summary>
    public async Task<TaskActivityWorkItem> NextAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (receiveTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(receiveTimeout);
        }

        try
        {
            return await ready.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null!;
        }
    }

    public async Task StopAsync()
    {
        if (stopping is null)
        {
            return;
        }

        await stopping.CancelAsync();
        await fetching;
        while (ready.Reader.TryRead(out var workItem))
        {
            await service.AbandonTaskActivityWorkItemAsync(workItem);
        }

        stopping.Dispose();
        stopping = null;
    }

    private async Task FetchAsync(CancellationToken stopToken)
    {
        while (!stopToken.IsCancellationRequested)
        {
            TaskActivityWorkItem? workItem;
            try
            {
                workItem = await service.LockNextTaskActivityWorkItem(Timeout.InfiniteTimeSpan, stopToken);
            }
            catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFetchFailed(logger, e);
                await DelayAsync(TimeSpan.FromSeconds(Math.Max(1, service.GetDelayInSecondsAfterOnFetchException(e))), stopToken);
                continue;
            }

            if (workItem is null)
            {
                continue;
            }

            try
            {
                await ready.Writer.WriteAsync(workItem, stopToken);
            }
            catch (OperationCanceledException)
            {
                await service.AbandonTaskActivityWorkItemAsync(workItem);
                return;
            }
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stopToken)
    {
        try
        {
            await Task.Delay(delay, stopToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching an activity from the work-item queue failed; trying again.")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception);
}
