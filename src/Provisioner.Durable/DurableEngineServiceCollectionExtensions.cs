using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Durable.Backends;
using Provisioner.Durable.Sidecar;

namespace Provisioner.Durable;

/// <summary>Adds the durable engine to a generic host.</summary>
public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>
    /// Gives the host a <see cref="DurableTaskClient"/> and a DurableTask worker running the tasks
    /// <paramref name="registerTasks"/> registers, on the Azure Storage backend when
    /// <c>AzureWebJobsStorage</c> is set (see <see cref="DurableEngineOptions"/> for the task hub and
    /// limits) and in memory otherwise. <see cref="DurableEngineInfo"/> says which, and the host logs
    /// it at start.
    /// </summary>
    /// <remarks>
    /// Wiring: the backend sits behind the gRPC sidecar of Microsoft.DurableTask.InProcessTestHost (its
    /// dispatcher and management API), which runs in an inner web host on a private Unix socket; the
    /// worker and the client reach it over gRPC, as they reach the Functions host's engine. The sidecar
    /// is registered before the worker so it starts first and stops last.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration: <c>AzureWebJobsStorage</c>, <c>TASKHUB_NAME</c>, <c>AzureFunctionsJobHost:extensions:durableTask:*</c>.</param>
    /// <param name="registerTasks">Registers the orchestrators and activities.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(registerTasks);

        services.AddOptions<DurableEngineOptions>()
            .Configure(options => DurableEngineConfiguration.Bind(options, configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableEngineOptions>, DurableEngineOptionsValidator>(_ => new DurableEngineOptionsValidator(configuration)));

        services.AddSingleton(sp => DurableEngineBackend.Create(
            sp.GetRequiredService<IOptions<DurableEngineOptions>>().Value, configuration, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<DurableEngineBackend>().Info);

        var endpoint = new SidecarEndpoint();
        services.AddSingleton(_ => endpoint);
        services.AddHostedService<DurableSidecarHost>();

        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registerTasks);
            worker.UseGrpc(endpoint.Channel);
        });
        services.AddOptions<DurableTaskWorkerOptions>()
            .Configure<IOptions<DurableEngineOptions>>((worker, engine) =>
            {
                worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = engine.Value.MaxConcurrentOrchestratorFunctions;
                worker.Concurrency.MaximumConcurrentActivityWorkItems = engine.Value.MaxConcurrentActivityFunctions;
            });

        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(endpoint.Channel);
            client.RegisterDirectly();
        });
        return services;
    }
}
