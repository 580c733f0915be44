namespace Provisioner.Simulators.Jenkins.Builds;

/// <summary>
/// Runs a build as its <see cref="BuildScript"/> says: prints its lines, ends its duration after the
/// build started on the simulator's clock (so a test that moves a fake clock need not wait for the
/// executor to be scheduled first), and ends with the script's result.
/// </summary>
public sealed class ScriptedBuildExecutor : IBuildExecutor
{
    /// <summary>The one instance (it has no state).</summary>
    public static ScriptedBuildExecutor Instance { get; } = new();

    /// <inheritdoc/>
    public async Task<BuildResult> ExecuteAsync(BuildExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        foreach (var line in execution.Script.ConsoleLines)
        {
            await execution.Console.WriteLineAsync(line);
        }

        await WaitUntilAsync(execution.Time, execution.StartedAt + execution.Script.Duration, cancellationToken);
        return execution.Script.Result;
    }

    /// <summary>
    /// Completes when <paramref name="time"/> reaches <paramref name="end"/>, even when the clock (a
    /// fake one, moved by a test) passes it while the wait is being set up.
    /// </summary>
    public static async Task WaitUntilAsync(TimeProvider time, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var remaining = end - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = time.CreateTimer(_ => reached.TrySetResult(), null, remaining, Timeout.InfiniteTimeSpan);
        if (time.GetUtcNow() >= end)
        {
            reached.TrySetResult();
        }

        using var cancel = cancellationToken.Register(() => reached.TrySetCanceled(cancellationToken));
        await reached.Task;
    }
}
