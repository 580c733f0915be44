namespace Provisioner.Durable;

/// <summary>
/// The Azure Storage backend's settings, as host.json names them under
/// <c>extensions.durableTask.storageProvider</c>.
/// </summary>
public sealed class DurableStorageProviderOptions
{
    /// <summary>
    /// The longest wait between two polls of an idle queue. It bounds how late a durable timer fires
    /// and how long a message sent by another process (an event, a new instance) waits to be seen.
    /// The Functions host defaults to 30 s; a runner someone watches wants less. Each poll of the
    /// four control queues and the work-item queue is a storage transaction.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an activity's message stays hidden once a worker took it. After a crash, an activity
    /// that was running is run again once this has passed; an activity that runs longer than this is
    /// run a second time alongside (the in-process dispatcher does not renew it).
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
