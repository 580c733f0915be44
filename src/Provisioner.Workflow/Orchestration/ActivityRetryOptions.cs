using Microsoft.DurableTask;

namespace Provisioner.Workflow.Orchestration;

/// <summary>The durable retry policy every activity call of the workflow carries.</summary>
internal static class ActivityRetryOptions
{
    /// <summary>
    /// Retries transient failures with durable timers, doubling the wait up to its cap; permanent
    /// failures (bad credentials, missing settings, a conflict that is not ours) are not retried.
    /// </summary>
    public static TaskOptions For(ActivityRetry retry) => TaskOptions.FromRetryPolicy(
        new RetryPolicy(retry.MaxAttempts, retry.FirstInterval, backoffCoefficient: 2.0, maxRetryInterval: retry.MaxInterval)
        {
            HandleFailure = failure => !ActivityFailure.IsPermanent(failure),
        });
}
