namespace Provisioner.Durable.Backends;

/// <summary>
/// How many activities run at once, held by a gate instead of by the sidecar's dispatcher. That
/// dispatcher counts an activity from hand-off until the worker reports it done and, whenever the
/// count reaches the service's limit, sleeps 500 ms before it looks again: a burst of short
/// activities — every merged provision's build, rollout and Ingress looks at once — waited out
/// those sleeps (at 200 provisions in memory, merge to end ran at 25 provisions/s). So the services
/// tell the sidecar a limit it never reaches (<see cref="Limit"/>) and hold the configured one
/// themselves: a slot is taken before an activity is locked (<see cref="LockAsync"/>) and freed once it
/// is completed or abandoned (<see cref="SettleAsync"/>), so the next one starts the moment a slot frees.
/// </summary>
internal sealed class SidecarHandOff(int executingAtOnce) : IDisposable
{
    private const int Factor = 10;
    private readonly SemaphoreSlim slots = new(executingAtOnce, executingAtOnce);

    /// <summary>The limit the sidecar's dispatcher is told: ten times the configured one.</summary>
    public int Limit { get; } = executingAtOnce > int.MaxValue / Factor ? int.MaxValue : executingAtOnce * Factor;

    /// <summary>Locks the next activity in a free slot, giving the slot back when none comes.</summary>
    public async Task<T?> LockAsync<T>(Func<Task<T?>> lockNext, CancellationToken cancellationToken)
        where T : class
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await lockNext() ?? ExitWith<T>();
        }
        catch
        {
            slots.Release();
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
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    private T? ExitWith<T>()
        where T : class
    {
        slots.Release();
        return null;
    }
}
