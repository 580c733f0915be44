namespace Provisioner.Jenkins.Tests.Support;

/// <summary>Waits for a condition with a deadline, failing with what was last seen (no fixed sleeps).</summary>
internal static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> look, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? TimeSpan.FromSeconds(20));
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var last = await look();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > until)
            {
                Assert.Fail($"Timed out waiting for {what}; last seen: {last}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    public static Task<T> Until<T>(Func<T> look, Func<T, bool> done, string what, TimeSpan? deadline = null) =>
        Until(() => Task.FromResult(look()), done, what, deadline);
}
