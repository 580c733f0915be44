using Microsoft.Extensions.Logging.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Provisioner.Durable.Tests.Support;

/// <summary>A generic host with <see cref="DurableEngineServiceCollectionExtensions.AddDurableEngine"/> on one backend: a fresh task hub on Azurite, or in memory.</summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost host;

    private EngineHost(IHost host, string taskHub, FakeLoggerProvider logs)
    {
        this.host = host;
        TaskHub = taskHub;
        Logs = logs;
    }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public DurableEngineInfo Info => host.Services.GetRequiredService<DurableEngineInfo>();

    public IServiceProvider Services => host.Services;

    public string TaskHub { get; }

    public FakeLoggerProvider Logs { get; }

    /// <summary>Every log line so far, as "Level Category: message".</summary>
    public IReadOnlyList<string> LogLines => [.. Logs.Collector.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message}")];

    public static async Task<EngineHost> StartAsync(Backend backend, AzuriteFixture azurite, Action<DurableTaskRegistry> tasks, IDictionary<string, string?>? settings = null)
    {
        var configuration = azurite.EngineSettings(backend);
        var taskHub = configuration["TASKHUB_NAME"]!;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        var logs = new FakeLoggerProvider();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddDurableEngine(builder.Configuration, tasks);
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host, taskHub, logs);
    }

    public Task<OrchestrationMetadata> WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status, TimeSpan? timeout = null) =>
        WaitForAsync(instanceId, m => m.RuntimeStatus == status, $"{instanceId} to be {status}", timeout);

    public async Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string what, TimeSpan? timeout = null)
    {
        try
        {
            return (await Eventually.HoldsAsync(
                () => Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true),
                m => m is not null && condition(m),
                what,
                timeout))!;
        }
        catch (TimeoutException e)
        {
            var problems = LogLines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal));
            throw new TimeoutException($"{e.Message}{Environment.NewLine}The engine's warnings and errors:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}", e);
        }
    }

    public async Task StopAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StopAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        host.Dispose();
    }
}
