namespace Provisioner.Durable.Backends;

/// <summary>
/// How many activities run at once, held by a gate instead of by the sidecar's dispatcher. That
/// dispatcher counts an activity from hand-off until the worker reports it done and, whenever the
/// count reaches the service's limit, sleeps 500 ms before it looks again: a burst of short
/// activities — every merged provision's build, rollout and Ingress looks at once — waited out
/// those sleeps (at 200 provisions in memory, merge to end ran at 25 provisions/s). So the services
/// tell the sidecar a limit it never reaches (<see cref="Limit"/>) and hold the configured one
/// themselves: <see cref="EnterAsync"/> before an activity is locked, <see cref="Exit"/> once it is
/// completed or abandoned, so the next one starts the moment a slot frees.
/// </summary>
internal sealed class SidecarHandOff(int executingAtOnce) : IDisposable
{
    private const int Factor = 10;
    private readonly SemaphoreSlim slots = new(executingAtOnce, executingAtOnce);

    /// <summary>The limit the sidecar's dispatcher is told: ten times the configured one.</summary>
    public int Limit { get; } = executingAtOnce > int.MaxValue / Factor ? int.MaxValue : executingAtOnce * Factor;

    /// <summary>Waits for a free slot; the caller must <see cref="Exit"/> unless it then gets no work item.</summary>
    public Task EnterAsync(CancellationToken cancellationToken) => slots.WaitAsync(cancellationToken);

    /// <summary>Frees the slot of an activity that completed, was abandoned, or was never locked.</summary>
    public void Exit() => slots.Release();

    /// <summary>Locks the next activity in a free slot, giving the slot back when none comes.</summary>
    public async Task<T?> LockAsync<T>(Func<Task<T?>> lockNext, CancellationToken cancellationToken)
        where T : class
    {
        await EnterAsync(cancellationToken);
        try
        {
            return await lockNext() ?? ExitWith<T>();
        }
        catch
        {
            Exit();
            throw;
        }
    }

    /// <summary>Runs <paramref name="settle"/> (complete or abandon), then frees the slot.</summary>
    public async Task SettleAsync(Func<Task> settle)
    {
        try
        {
            await settle();
        }
        finally
        {
            Exit();
        }
    }

    public void Dispose() => slots.Dispose();

    private T? ExitWith<T>()
        where T : class
    {
        Exit();
        return null;
    }
}
