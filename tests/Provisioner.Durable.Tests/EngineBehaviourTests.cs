using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Provisioner.Durable.Tests.Support;

namespace Provisioner.Durable.Tests;

/// <summary>
/// What the workflow relies on the engine for, on both backends: atomic dedupe, events (early ones
/// too, and across a sub-orchestration with its own id), durable timers, custom status, output,
/// terminate and purge.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EngineBehaviourTests(AzuriteFixture azurite)
{
    private const string WaitForGo = nameof(WaitForGo);
    private const string Parent = nameof(Parent);
    private const string Sleeper = nameof(Sleeper);
    private const string Go = nameof(Go);

    private static readonly OrchestrationRuntimeStatus[] RunningStates =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private static readonly OrchestrationRuntimeStatus[] AnyState =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended,
        OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated,
    ];

    private int executions;

    public static TheoryData<Backend> Backends => AzuriteFixture.Backends;

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Twenty_simultaneous_schedules_of_one_id_start_it_exactly_once(Backend backend)
    {
        await using var engine = await StartAsync(backend);
        const string id = "domain-shop-example-com";

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, $"request {i}", new StartOrchestrationOptions(id).WithDedupeStatuses(RunningStates));
                return (Exception?)null;
            }
            catch (Exception e)
            {
                return e;
            }
        })));

        Assert.Single(attempts, e => e is null);
        Assert.All(attempts.Where(e => e is not null), e => Assert.IsType<OrchestrationAlreadyExistsException>(e));
        Assert.Equal(19, attempts.Count(e => e is OrchestrationAlreadyExistsException));

        await engine.WaitForAsync(id, m => m.SerializedCustomStatus is not null, "the instance to wait for its event");
        var ended = await FinishAsync(engine, id, "go");
        Assert.Equal("go", ended.ReadOutputAs<string>());
        Assert.Equal(1, Volatile.Read(ref executions));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_id_scheduled_with_dedupe_on_every_status_is_refused_while_running_and_after_it_ended(Backend backend)
    {
        await using var engine = await StartAsync(backend);
        var options = new StartOrchestrationOptions("delivery-72d3162e").WithDedupeStatuses(AnyState);

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "first", options);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "while running", options));

        await FinishAsync(engine, options.InstanceId!, "done");
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "after completion", options));

        var terminated = new StartOrchestrationOptions("delivery-9bd1f4a0").WithDedupeStatuses(AnyState);
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "to terminate", terminated);
        await engine.Client.TerminateInstanceAsync(terminated.InstanceId!, "cancelled");
        await engine.WaitForStatusAsync(terminated.InstanceId!, OrchestrationRuntimeStatus.Terminated);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "after termination", terminated));

        var first = await engine.Client.GetInstanceAsync(options.InstanceId!, getInputsAndOutputs: true);
        Assert.Equal("\"first\"", first!.SerializedInput);
        Assert.Equal(2, Volatile.Read(ref executions));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_id_reused_without_dedupe_after_it_ended_starts_a_new_run(Backend backend)
    {
        await using var engine = await StartAsync(backend);
        var options = new StartOrchestrationOptions("domain-reused").WithDedupeStatuses(RunningStates);
        await FinishAsync(engine, await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "first", options), "first done");

        await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "second", options);
        await engine.WaitForAsync(options.InstanceId!, m => m.SerializedInput == "\"second\"" && m.RuntimeStatus == OrchestrationRuntimeStatus.Running, "the second run");
        var second = await FinishAsync(engine, options.InstanceId!, "second done");
        Assert.Equal("second done", second.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_event_raised_before_the_instance_first_ran_is_delivered(Backend backend)
    {
        await using var engine = await StartAsync(backend);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "early");
        var ended = await FinishAsync(engine, id, "raised at once");
        Assert.Equal("raised at once", ended.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_event_raised_while_the_orchestrator_is_busy_elsewhere_waits_for_it(Backend backend)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var engine = await StartAsync(backend, registry =>
        {
            registry.AddActivityFunc("Gate", async (TaskActivityContext _) =>
            {
                entered.TrySetResult();
                await gate.Task;
            });
            registry.AddOrchestratorFunc<string>("GateThenWait", async context =>
            {
                await context.CallActivityAsync("Gate");
                return await context.WaitForExternalEvent<string>(Go);
            });
        });

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("GateThenWait");
        await entered.Task.WaitAsync(Eventually.DefaultTimeout);
        await engine.Client.RaiseEventAsync(id, Go, "raised before the wait");
        gate.SetResult();

        var ended = await engine.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        Assert.Equal("raised before the wait", ended.ReadOutputAs<string>());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_sub_orchestration_runs_under_its_custom_id_and_takes_events_by_it(Backend backend)
    {
        await using var engine = await StartAsync(backend);

        var parentId = await engine.Client.ScheduleNewOrchestrationInstanceAsync(Parent, "provision-7f3a");
        var child = await engine.WaitForAsync("provision-7f3a", m => m.SerializedCustomStatus is not null, "the sub-orchestration to wait for its event");
        Assert.Equal(WaitForGo, child.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await engine.Client.GetInstanceAsync(parentId))!.RuntimeStatus);

        await engine.Client.RaiseEventAsync("provision-7f3a", Go, "merged");

        var parent = await engine.WaitForStatusAsync(parentId, OrchestrationRuntimeStatus.Completed);
        Assert.Equal("child said merged", parent.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await engine.Client.GetInstanceAsync("provision-7f3a"))!.RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_durable_timer_fires_at_its_time(Backend backend)
    {
        await using var engine = await StartAsync(backend);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(Sleeper, 2);

        var ended = await engine.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        var (due, woke) = ended.ReadOutputAs<TimerTimes>()!;

        // Azure Storage hides a timer's message for whole seconds, so a timer may fire up to a second early there.
        var earliest = backend == Backend.Azurite ? due.AddSeconds(-1) : due;
        Assert.True(woke >= earliest, $"The timer due at {due:O} fired at {woke:O}.");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Custom_status_is_readable_while_running_and_the_output_once_completed(Backend backend)
    {
        await using var engine = await StartAsync(backend);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "status");
        var running = await engine.WaitForAsync(id, m => m.SerializedCustomStatus is not null, "the custom status");
        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
        Assert.Equal(new Progress("AwaitingApproval", "status"), running.ReadCustomStatusAs<Progress>());
        Assert.Null(running.SerializedOutput);

        await engine.Client.RaiseEventAsync(id, Go, "approved");
        var ended = await engine.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        Assert.Equal("approved", ended.ReadOutputAs<string>());
        Assert.Equal(new Progress("AwaitingApproval", "status"), ended.ReadCustomStatusAs<Progress>());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Terminate_ends_a_waiting_instance_with_the_given_output(Backend backend)
    {
        await using var engine = await StartAsync(backend);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "to cancel");
        await engine.WaitForAsync(id, m => m.SerializedCustomStatus is not null, "the instance to wait for its event");

        await engine.Client.TerminateInstanceAsync(id, "Cancelled by a user");

        var ended = await engine.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Terminated);
        Assert.Equal("Cancelled by a user", ended.ReadOutputAs<string>());
        await engine.Client.RaiseEventAsync(id, Go, "too late");
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await engine.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Purge_removes_an_ended_instance_and_its_history(Backend backend)
    {
        await using var engine = await StartAsync(backend);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "to purge");
        await FinishAsync(engine, id, "done");

        var purged = await engine.Client.PurgeInstanceAsync(id);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await engine.Client.GetInstanceAsync(id));
        var again = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "after purge", new StartOrchestrationOptions(id).WithDedupeStatuses(AnyState));
        Assert.Equal(id, again);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_host_stops_promptly_while_instances_wait(Backend backend)
    {
        var engine = await StartAsync(backend);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "waiting at shutdown");
        await engine.WaitForAsync(id, m => m.SerializedCustomStatus is not null, "the instance to wait for its event");

        var stop = engine.DisposeAsync().AsTask();

        // A hang, not a speed check: the sidecar stopped before the worker used to hold shutdown ~30 s.
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20))));
        await stop;
    }

    [Fact]
    public async Task The_storage_account_key_never_reaches_a_log_line()
    {
        var key = azurite.Server.ConnectionString.Split(';').Single(part => part.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];
        await using (var engine = await StartAsync(Backend.Azurite))
        {
            await FinishAsync(engine, await engine.Client.ScheduleNewOrchestrationInstanceAsync(WaitForGo, "logged"), "done");
            Assert.Contains(engine.LogLines, line => line.Contains(engine.Info.Description, StringComparison.Ordinal));
            Assert.DoesNotContain(engine.LogLines, line => line.Contains(key, StringComparison.Ordinal));
        }
    }

    /// <summary>Raises the event a <see cref="WaitForGo"/> instance waits for and waits for it to complete.</summary>
    private static async Task<OrchestrationMetadata> FinishAsync(EngineHost engine, string instanceId, string text)
    {
        await engine.Client.RaiseEventAsync(instanceId, Go, text);
        return await engine.WaitForStatusAsync(instanceId, OrchestrationRuntimeStatus.Completed);
    }

    private Task<EngineHost> StartAsync(Backend backend, Action<DurableTaskRegistry>? more = null) =>
        EngineHost.StartAsync(backend, azurite, registry =>
        {
            registry.AddOrchestratorFunc<string?, string>(WaitForGo, async (context, input) =>
            {
                if (!context.IsReplaying)
                {
                    Interlocked.Increment(ref executions);
                }

                context.SetCustomStatus(new Progress("AwaitingApproval", input));
                return await context.WaitForExternalEvent<string>(Go);
            });
            registry.AddOrchestratorFunc<string, string>(Parent, async (context, childId) =>
            {
                var said = await context.CallSubOrchestratorAsync<string>(WaitForGo, "child", new SubOrchestrationOptions(instanceId: childId));
                return "child said " + said;
            });
            registry.AddOrchestratorFunc<int, TimerTimes>(Sleeper, async (context, seconds) =>
            {
                var due = context.CurrentUtcDateTime.AddSeconds(seconds);
                await context.CreateTimer(due, CancellationToken.None);
                return new TimerTimes(due, context.CurrentUtcDateTime);
            });
            more?.Invoke(registry);
        });

    private sealed record Progress(string Status, string? Input);

    private sealed record TimerTimes(DateTime Due, DateTime Woke);
}
