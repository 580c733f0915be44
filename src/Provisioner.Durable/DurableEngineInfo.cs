namespace Provisioner.Durable;

/// <summary>What the durable engine of this host runs on, for the host to tell its users at start.</summary>
public sealed class DurableEngineInfo
{
    internal DurableEngineInfo(DurableBackend backend, string taskHubName, Uri? storageEndpoint, int maxConcurrentOrchestratorFunctions, int maxConcurrentActivityFunctions)
    {
        Backend = backend;
        TaskHubName = taskHubName;
        StorageEndpoint = storageEndpoint;
        MaxConcurrentOrchestratorFunctions = maxConcurrentOrchestratorFunctions;
        MaxConcurrentActivityFunctions = maxConcurrentActivityFunctions;
    }

    /// <summary>Where orchestration state is kept.</summary>
    public DurableBackend Backend { get; }

    /// <summary>True when instances survive the process (the Azure Storage backend).</summary>
    public bool KeepsStateAcrossRestarts => Backend == DurableBackend.AzureStorage;

    /// <summary>The task hub on the Azure Storage backend.</summary>
    public string TaskHubName { get; }

    /// <summary>The storage account's blob endpoint on the Azure Storage backend (never a key); null in memory.</summary>
    public Uri? StorageEndpoint { get; }

    /// <summary>How many orchestration work items run at once.</summary>
    public int MaxConcurrentOrchestratorFunctions { get; }

    /// <summary>How many activities run at once.</summary>
    public int MaxConcurrentActivityFunctions { get; }

    /// <summary>One line for people: the backend, what happens to state on exit, the limits.</summary>
    public string Description => Backend switch
    {
        DurableBackend.AzureStorage =>
            $"Durable engine: Azure Storage, task hub {TaskHubName} at {StorageEndpoint}; instances survive restarts. {Limits}",
        _ =>
            $"Durable engine: in memory; every instance is lost when this process exits (set {DurableStorageConnection.SettingName}, e.g. to UseDevelopmentStorage=true with Azurite, to keep them). {Limits}",
    };

    private string Limits => $"Up to {MaxConcurrentOrchestratorFunctions} orchestrator and {MaxConcurrentActivityFunctions} activity work items at once.";

    /// <inheritdoc/>
    public override string ToString() => Description;
}
