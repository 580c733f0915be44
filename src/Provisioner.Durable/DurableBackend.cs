namespace Provisioner.Durable;

/// <summary>Where the durable engine keeps orchestration state.</summary>
public enum DurableBackend
{
    /// <summary>In the process's memory: every instance is lost when the process exits.</summary>
    InMemory,

    /// <summary>In an Azure Storage task hub (queues, tables, blobs): instances survive restarts and crashes.</summary>
    AzureStorage,
}
