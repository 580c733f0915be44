namespace Provisioner.Durable.Tests.Support;

/// <summary>Waits for a condition with a deadline, failing with what was last seen. Never a fixed sleep.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last;
        while (true)
        {
            last = await read();
            if (condition(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last seen: {Describe(last)}");
            }

            await Task.Delay(25);
        }
    }

    public static async Task HoldsAsync(Func<bool> condition, Func<string> lastSeen, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last seen: {lastSeen()}");
            }

            await Task.Delay(25);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        Microsoft.DurableTask.Client.OrchestrationMetadata m => $"{m.InstanceId} {m.RuntimeStatus} custom status {m.SerializedCustomStatus} output {m.SerializedOutput} failure {m.FailureDetails?.ErrorMessage}",
        _ => value.ToString() ?? "",
    };
}
