namespace Provisioner.Kubernetes.Tests.Support;

/// <summary>Waits for a condition with a deadline, failing with what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> look, Func<T, bool> done, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        T last = default!;
        while (true)
        {
            last = await look();
            if (done(last))
            {
                return last;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0}s for {what}; last seen: {Describe(last)}");
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        System.Text.Json.Nodes.JsonNode node => node.ToJsonString(),
        _ => value.ToString() ?? string.Empty,
    };
}
