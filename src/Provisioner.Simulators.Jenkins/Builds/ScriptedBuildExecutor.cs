namespace Provisioner.Simulators.Jenkins.Builds;

/// <summary>Runs a build as its <see cref="BuildScript"/> says: prints its lines, takes its duration on the simulator's clock, ends with its result.</summary>
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

        if (execution.Script.Duration > TimeSpan.Zero)
        {
            await Task.Delay(execution.Script.Duration, execution.Time, cancellationToken);
        }

        return execution.Script.Result;
    }
}
