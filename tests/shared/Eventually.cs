namespace Provisioner.Testing;

/// <summary>
/// Waits for a condition by looking again until it holds or a deadline passes, then fails with
/// what was last seen. The one wait of the test projects that link it (tests/shared/): no test
/// sleeps for a fixed time.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Looks until <paramref name="done"/> holds for what <paramref name="look"/> returns; returns that.</summary>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="look">One look.</param>
    /// <param name="done">Whether a look shows the condition.</param>
    /// <param name="timeout">How long to keep looking (45 s unless given).</param>
    /// <param name="describe">How to show the last look in the failure message.</param>
    public static async Task<T> WaitAsync<T>(string what, Func<Task<T>> look, Func<T, bool> done, TimeSpan? timeout = null, Func<T, string?>? describe = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var seen = await look();
            if (done(seen))
            {
                return seen;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout ?? DefaultTimeout}; last seen: {(describe is null ? seen?.ToString() : describe(seen))}");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Looks until <paramref name="condition"/> holds.</summary>
    public static Task WaitAsync(string what, Func<bool> condition, TimeSpan? timeout = null) =>
        WaitAsync(what, () => Task.FromResult(condition()), held => held, timeout);
}
