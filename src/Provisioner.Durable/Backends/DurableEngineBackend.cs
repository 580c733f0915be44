using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Provisioner.Durable.Backends;

/// <summary>The store the sidecar dispatches from (<see cref="Service"/>) and manages instances through (<see cref="Client"/>).</summary>
internal sealed class DurableEngineBackend : IDisposable
{
    // Activity fetches kept in flight on the Azure Storage backend: enough to keep a busy Azurite's
    // latency out of the activities' way, few enough to leave it serving everything else.
    private const int ActivityFetchers = 8;

    private DurableEngineBackend(IOrchestrationService service, IOrchestrationServiceClient client, DurableEngineInfo info)
    {
        Service = service;
        Client = client;
        Info = info;
    }

    public IOrchestrationService Service { get; }

    public IOrchestrationServiceClient Client { get; }

    public DurableEngineInfo Info { get; }

    /// <summary>Azure Storage when the configuration names a storage connection; in memory otherwise.</summary>
    public static DurableEngineBackend Create(DurableEngineOptions options, IConfiguration configuration, ILoggerFactory loggerFactory) =>
        DurableStorageConnection.FromConfiguration(configuration) is { } connection
            ? AzureStorage(options, connection, loggerFactory)
            : InMemory(options, loggerFactory);

    private static DurableEngineBackend InMemory(DurableEngineOptions options, ILoggerFactory loggerFactory)
    {
        var service = new InMemoryEngineService(loggerFactory, options.MaxConcurrentOrchestratorFunctions, options.MaxConcurrentActivityFunctions);
        return new DurableEngineBackend(service, service, Describe(DurableBackend.InMemory, options, storageEndpoint: null));
    }

    private static DurableEngineBackend AzureStorage(DurableEngineOptions options, DurableStorageConnection connection, ILoggerFactory loggerFactory)
    {
        var service = new AzureStorageEngineService(new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            StorageAccountClientProvider = connection.CreateClientProvider(),
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxQueuePollingInterval = options.StorageProvider.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.StorageProvider.WorkItemQueueVisibilityTimeout,

            // Without it, scheduling an id that is running is silently ignored instead of refused.
            ThrowExceptionOnInvalidDedupeStatus = true,
            CustomMessageTypeBinder = new ProtobufMapTypeBinder(),
            LoggerFactory = loggerFactory,
        }), Math.Min(ActivityFetchers, options.MaxConcurrentActivityFunctions), loggerFactory.CreateLogger<ActivityPrefetcher>());
        return new DurableEngineBackend(service, service, Describe(DurableBackend.AzureStorage, options, connection.BlobEndpoint));
    }

    private static DurableEngineInfo Describe(DurableBackend backend, DurableEngineOptions options, Uri? storageEndpoint) =>
        new(backend, options.HubName, storageEndpoint, options.MaxConcurrentOrchestratorFunctions, options.MaxConcurrentActivityFunctions);

    public void Dispose() => (Service as IDisposable)?.Dispose();
}
