using DurableTask.AzureStorage;
using DurableTask.Core;
using Provisioner.Durable.TestHost;
using Provisioner.Durable.Tests.Support;

namespace Provisioner.Durable.Tests;

/// <summary>
/// Instances survive SIGKILL on the Azure Storage backend: a real child process is killed at each kind
/// of waiting point a provision has, another is started on the same task hub, and the flow finishes.
/// Side effects are counted in a file every run appends to. The test reads and drives the task hub
/// with DurableTask.Core's own client, independent of the module under test.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RestartTests(AzuriteFixture azurite) : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("provisioner-restart-");
    private readonly string taskHub = "r" + Guid.NewGuid().ToString("N")[..16];

    private string SideEffectsFile => Path.Combine(folder.FullName, "side-effects.txt");

    private string ReleaseFile => Path.Combine(folder.FullName, "release");

    [Fact]
    public async Task A_flow_killed_while_waiting_for_an_event_takes_one_raised_while_it_was_down_and_repeats_no_done_work()
    {
        var client = HubClient();
        var instance = new OrchestrationInstance { InstanceId = "provision-event" };
        await using var first = await EngineProcess.StartAsync(Environment());
        await client.CreateOrchestrationInstanceAsync(RestartFlows.WaitForEvent, "", instance.InstanceId, null);
        await WaitForAsync(client, instance.InstanceId, s => s.Status == Json(RestartFlows.Waiting), "the flow to wait for its event");

        await first.KillAsync();
        await client.RaiseEventAsync(instance, RestartFlows.GoEvent, "merged while down");
        await using var second = await EngineProcess.StartAsync(Environment());

        var ended = await WaitForAsync(client, instance.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Completed, "the flow to complete");
        Assert.Equal(Json("merged while down"), ended.Output);
        Assert.Equal([$"provision-event before {first.Id}", $"provision-event after {second.Id}"], SideEffects());
    }

    [Fact]
    public async Task A_flow_killed_while_a_durable_timer_runs_fires_it_in_the_next_process()
    {
        var client = HubClient();
        const string Id = "provision-timer";
        await using var first = await EngineProcess.StartAsync(Environment());
        await client.CreateOrchestrationInstanceAsync(RestartFlows.WaitForTimer, "", Id, 4);
        await WaitForAsync(client, Id, s => s.Status == Json(RestartFlows.Waiting), "the flow to wait on its timer");

        await first.KillAsync();
        Assert.Equal(OrchestrationStatus.Running, (await client.GetOrchestrationStateAsync(Id))!.OrchestrationStatus);
        await using var second = await EngineProcess.StartAsync(Environment());

        var ended = await WaitForAsync(client, Id, s => s.OrchestrationStatus == OrchestrationStatus.Completed, "the flow to complete");
        Assert.Equal(Json("timer fired"), ended.Output);
        Assert.Equal([$"{Id} before {first.Id}", $"{Id} after {second.Id}"], SideEffects());
    }

    [Fact]
    public async Task An_activity_killed_in_flight_runs_again_in_the_next_process_at_least_once_not_exactly_once()
    {
        var client = HubClient();
        const string Id = "provision-slow";

        // Its message reappears this long after the crash; the default is the Functions host's 5 minutes.
        var environment = Environment(("AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout", "00:00:05"));
        await using var first = await EngineProcess.StartAsync(environment);
        await client.CreateOrchestrationInstanceAsync(RestartFlows.WaitForSlowActivity, "", Id, null);
        await Eventually.HoldsAsync(() => SideEffects().Contains($"{Id} slow-started {first.Id}"), () => string.Join(" | ", SideEffects()), "the slow activity to start");

        await first.KillAsync();
        File.WriteAllText(ReleaseFile, "");
        await using var second = await EngineProcess.StartAsync(environment);

        var ended = await WaitForAsync(client, Id, s => s.OrchestrationStatus == OrchestrationStatus.Completed, "the flow to complete");
        Assert.Equal(Json("slow activity done"), ended.Output);
        Assert.Equal(
            [$"{Id} before {first.Id}", $"{Id} slow-started {first.Id}", $"{Id} slow-started {second.Id}", $"{Id} slow-finished {second.Id}"],
            SideEffects());
    }

    public void Dispose() => folder.Delete(recursive: true);

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static async Task<OrchestrationState> WaitForAsync(TaskHubClient client, string instanceId, Func<OrchestrationState, bool> condition, string what) =>
        (await Eventually.HoldsAsync(
            () => client.GetOrchestrationStateAsync(instanceId),
            state => state is not null && condition(state),
            what))!;

    private Dictionary<string, string> Environment(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.Server.ConnectionString,
            ["TASKHUB_NAME"] = taskHub,
            ["SIDE_EFFECTS_FILE"] = SideEffectsFile,
            ["RELEASE_FILE"] = ReleaseFile,
        };
        foreach (var (name, value) in more)
        {
            environment[name] = value;
        }

        return environment;
    }

    private List<string> SideEffects() =>
        File.Exists(SideEffectsFile) ? File.ReadAllLines(SideEffectsFile).Where(line => line.Length > 0).ToList() : [];

    private TaskHubClient HubClient() => new(new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
    {
        TaskHubName = taskHub,
        StorageAccountClientProvider = new StorageAccountClientProvider(azurite.Server.ConnectionString),
    }));
}
