using Microsoft.DurableTask;

namespace Provisioner.Workflow.Orchestration;

/// <summary>The last thing a poll saw, and whether its deadline passed first.</summary>
/// <typeparam name="T">What each look returns.</typeparam>
/// <param name="Last">The last look.</param>
/// <param name="TimedOut">True when the deadline passed before a look was done.</param>
internal readonly record struct PollResult<T>(T Last, bool TimedOut);

/// <summary>The monitor pattern: look once (an activity), then a durable timer, with capped backoff.</summary>
internal static class DurablePolling
{
    public static async Task<PollResult<T>> PollAsync<T>(
        TaskOrchestrationContext context,
        PollSchedule schedule,
        Func<Task<T>> look,
        Func<T, bool> isDone,
        Action<T> onLook)
    {
        var deadline = context.CurrentUtcDateTime + schedule.Timeout;
        var interval = schedule.FirstInterval;
        while (true)
        {
            var seen = await look();
            onLook(seen);
            if (isDone(seen))
            {
                return new PollResult<T>(seen, TimedOut: false);
            }

            var now = context.CurrentUtcDateTime;
            if (now >= deadline)
            {
                return new PollResult<T>(seen, TimedOut: true);
            }

            var next = now + interval;
            await context.CreateTimer(next < deadline ? next : deadline, CancellationToken.None);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, schedule.MaxInterval.Ticks));
        }
    }
}
