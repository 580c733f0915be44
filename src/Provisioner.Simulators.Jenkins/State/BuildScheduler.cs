using System.Collections.Concurrent;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Simulators.Jenkins.Model;

namespace Provisioner.Simulators.Jenkins.State;

/// <summary>
/// Moves the queue on time (quiet periods, executor waits, retention) and runs started builds
/// through the configured <see cref="IBuildExecutor"/>, off the state lock. Requests also call
/// <see cref="CatchUp"/>, so what they read is current as of the simulator's clock.
/// </summary>
internal sealed class BuildScheduler : IAsyncDisposable
{
    private readonly JenkinsState state;
    private readonly JenkinsSimulatorOptions options;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<SimulatedBuild, Task> running = new();
    private TaskCompletionSource wake = NewSignal();
    private Task? loop;

    public BuildScheduler(JenkinsState state, JenkinsSimulatorOptions options)
    {
        this.state = state;
        this.options = options;
        state.Changed += Wake;
    }

    public void Start() => loop = Task.Run(RunAsync);

    /// <summary>Brings the queue up to the clock's now and starts whatever builds that frees.</summary>
    public void CatchUp()
    {
        List<SimulatedBuild> started;
        lock (state.Sync)
        {
            started = state.Maintain(state.Time.GetUtcNow());
        }

        Launch(started);
    }

    public async ValueTask DisposeAsync()
    {
        state.Changed -= Wake;
        await stopping.CancelAsync();
        foreach (var build in running.Keys)
        {
            await build.Abort.CancelAsync();
        }

        if (loop is not null)
        {
            await loop;
        }

        await Task.WhenAll(running.Values);
        stopping.Dispose();
    }

    private void Wake() => Interlocked.Exchange(ref wake, NewSignal()).TrySetResult();

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var signal = Volatile.Read(ref wake).Task;
            List<SimulatedBuild> started;
            DateTimeOffset? due;
            var now = state.Time.GetUtcNow();
            lock (state.Sync)
            {
                started = state.Maintain(now);
                due = state.NextDue(now);
            }

            Launch(started);
            using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var delay = due is { } at
                ? Task.Delay(at > now ? at - now : TimeSpan.Zero, state.Time, sleep.Token)
                : Task.Delay(Timeout.InfiniteTimeSpan, sleep.Token);
            await Task.WhenAny(delay, signal);
            await sleep.CancelAsync();
            try
            {
                await delay;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private void Launch(List<SimulatedBuild> builds)
    {
        foreach (var build in builds)
        {
            running[build] = Task.Run(() => RunBuildAsync(build));
        }
    }

    private async Task RunBuildAsync(SimulatedBuild build)
    {
        var job = build.Job.Configuration;
        var console = build.Console;
        console.WriteLine($"Started by user {build.StartedBy}");
        if (job.Kind == ItemKind.Pipeline)
        {
            if (job.ScriptPath is not null)
            {
                console.WriteLine($"Obtained {job.ScriptPath} from git {job.ScmUrl}");
            }

            console.WriteLine("[Pipeline] Start of Pipeline");
        }
        else
        {
            console.WriteLine("Running as SYSTEM");
            console.WriteLine($"Building in workspace /var/jenkins_home/workspace/{build.Job.FullName}");
        }

        var parameters = build.Parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var execution = new BuildExecution(build.Job.FullName, job, build.Number, build.Timestamp, parameters, console, build.Script, state.Time);
        BuildResult result;
        try
        {
            result = await options.Executor.ExecuteAsync(execution, build.Abort.Token);
        }
        catch (OperationCanceledException) when (build.Abort.IsCancellationRequested)
        {
            result = BuildResult.Aborted;
        }
        catch (Exception ex)
        {
            console.WriteLine($"ERROR: {ex.Message}");
            result = BuildResult.Failure;
        }

        if (build.Abort.IsCancellationRequested)
        {
            console.WriteLine($"Aborted by {build.AbortedBy ?? "SYSTEM"}");
            result = BuildResult.Aborted;
        }

        if (job.Kind == ItemKind.Pipeline)
        {
            console.WriteLine("[Pipeline] End of Pipeline");
        }

        console.WriteLine($"Finished: {result.ToJenkins()}");
        lock (state.Sync)
        {
            state.Finish(build, result, state.Time.GetUtcNow());
        }

        running.TryRemove(build, out _);
        Wake();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
