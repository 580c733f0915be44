using Microsoft.DurableTask;

namespace Provisioner.Durable.TestHost;

/// <summary>
/// Orchestrations that stop at the waiting points a provision has (an external event, a durable
/// timer, a slow activity), with activities that record each run as a line in a file shared by every
/// run of the host: "instance step pid". The restart tests read it to count side effects.
/// </summary>
public static class RestartFlows
{
    /// <summary>Records "before", waits for the event <see cref="GoEvent"/>, records "after", returns the event's text.</summary>
    public const string WaitForEvent = nameof(WaitForEvent);

    /// <summary>Records "before", waits on a durable timer of the input's seconds, records "after".</summary>
    public const string WaitForTimer = nameof(WaitForTimer);

    /// <summary>Records "before", then runs <see cref="Slow"/>, which records "slow-started", waits for the release file, records "slow-finished".</summary>
    public const string WaitForSlowActivity = nameof(WaitForSlowActivity);

    /// <summary>The event <see cref="WaitForEvent"/> waits for.</summary>
    public const string GoEvent = "Go";

    /// <summary>The custom status an orchestration sets once it reached its waiting point.</summary>
    public const string Waiting = "waiting";

    /// <summary>The activity that records a step.</summary>
    public const string Record = nameof(Record);

    /// <summary>The slow activity.</summary>
    public const string Slow = nameof(Slow);

    /// <summary>Registers the orchestrations and activities, recording into <paramref name="sideEffectsFile"/>; <see cref="Slow"/> finishes once <paramref name="releaseFile"/> exists.</summary>
    public static void Register(DurableTaskRegistry registry, string sideEffectsFile, string releaseFile)
    {
        registry.AddOrchestratorFunc<string?, string>(WaitForEvent, async (context, _) =>
        {
            await context.CallActivityAsync(Record, $"{context.InstanceId} before");
            context.SetCustomStatus(Waiting);
            var text = await context.WaitForExternalEvent<string>(GoEvent);
            await context.CallActivityAsync(Record, $"{context.InstanceId} after");
            return text;
        });
        registry.AddOrchestratorFunc<int, string>(WaitForTimer, async (context, seconds) =>
        {
            await context.CallActivityAsync(Record, $"{context.InstanceId} before");
            context.SetCustomStatus(Waiting);
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(seconds), CancellationToken.None);
            await context.CallActivityAsync(Record, $"{context.InstanceId} after");
            return "timer fired";
        });
        registry.AddOrchestratorFunc<string?, string>(WaitForSlowActivity, async (context, _) =>
        {
            await context.CallActivityAsync(Record, $"{context.InstanceId} before");
            context.SetCustomStatus(Waiting);
            await context.CallActivityAsync(Slow, context.InstanceId);
            return "slow activity done";
        });
        registry.AddActivityFunc<string>(Record, (_, step) => Append(sideEffectsFile, step));
        registry.AddActivityFunc<string>(Slow, async (_, instanceId) =>
        {
            Append(sideEffectsFile, $"{instanceId} slow-started");
            while (!File.Exists(releaseFile))
            {
                await Task.Delay(50);
            }

            Append(sideEffectsFile, $"{instanceId} slow-finished");
        });
    }

    private static void Append(string file, string step) =>
        File.AppendAllText(file, $"{step} {Environment.ProcessId}{Environment.NewLine}");
}
