namespace Provisioner.Durable;

/// <summary>
/// The durable engine's settings, named and nested as host.json names them under
/// <c>extensions.durableTask</c>, so that a host using
/// <see cref="DurableEngineServiceCollectionExtensions.AddDurableEngine"/> and the Functions host run
/// with the same values. Read from the repository's host.json (built into this assembly), then from
/// configuration under <c>AzureFunctionsJobHost:extensions:durableTask</c>: the Functions host's own
/// override convention, e.g. the environment variable
/// <c>AzureFunctionsJobHost__extensions__durableTask__maxConcurrentActivityFunctions</c>.
/// </summary>
public sealed class DurableEngineOptions
{
    /// <summary>Where the overrides are read from in configuration.</summary>
    public const string OverrideSection = "AzureFunctionsJobHost:extensions:durableTask";

    /// <summary>
    /// The setting naming the storage account of the Azure Storage backend, as the Functions host names
    /// it; unset, the engine keeps its state in memory.
    /// </summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    /// <summary>The task hub used when host.json's <c>hubName</c> names a setting that is not set.</summary>
    public const string DefaultHubName = "ProvisionerLocal";

    /// <summary>
    /// The task hub: the storage resources' name prefix, so several apps can share one account.
    /// host.json's <c>%TASKHUB_NAME%</c> is resolved from configuration, as the Functions host does.
    /// </summary>
    public string HubName { get; set; } = DefaultHubName;

    /// <summary>
    /// How many orchestration work items (an orchestrator's replay up to its next wait) run at once.
    /// A waiting orchestration holds none; a work item is CPU only, milliseconds long. The default
    /// (host.json's value) covers a thousand provisions started at once.
    /// </summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 1000;

    /// <summary>
    /// How many activities run at once. Each is a few HTTP calls to GitHub, Jenkins or Kubernetes; the
    /// default (host.json's value) stays within GitHub's advice of at most 100 concurrent requests.
    /// </summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 100;

    /// <summary>Settings only the Azure Storage backend reads.</summary>
    public DurableStorageProviderOptions StorageProvider { get; set; } = new();
}
