using Microsoft.DurableTask;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// Holds a domain's lock for as long as its provision runs. Its instance id is derived from the
/// domain (<see cref="DomainLock"/>) and it is scheduled with dedupe on the running states, so the
/// durable engine itself refuses a second provision of a running domain. The provision runs as a
/// sub-orchestration with its own id, so it stays readable after the lock is reused by the
/// domain's next provision.
/// </summary>
/// <remarks>
/// The lock exists from the moment the provision is accepted, so cancels are raised on it
/// (<see cref="EventNames.Cancel"/>): one raised before the lock started stops the provision from
/// starting at all; a later one is forwarded to the provision. Whatever ends the provision without
/// its own ending (a defect, or a terminate through the Durable API), the lock closes its pull request.
/// </remarks>
[DurableTask(Name)]
public sealed class DomainLockOrchestrator : TaskOrchestrator<ProvisionInput, ProvisionProgress?>
{
    /// <summary>The name the durable engine knows this orchestrator by.</summary>
    public const string Name = "DomainLock";

    /// <inheritdoc/>
    public override async Task<ProvisionProgress?> RunAsync(TaskOrchestrationContext context, ProvisionInput input)
    {
        var cancel = context.WaitForExternalEvent<CancelRequest>(EventNames.Cancel, CancellationToken.None);
        if (await CancelledBeforeStartAsync(context, input, cancel))
        {
            return NeverStarted(input);
        }

        var provision = context.CallProvisionOrchestratorAsync(input, new SubOrchestrationOptions { InstanceId = input.ProvisionId });
        while (await Task.WhenAny(provision, cancel) == cancel)
        {
            if ((await cancel).ProvisionId == input.ProvisionId)
            {
                context.SendEvent(input.ProvisionId, EventNames.Cancel, await cancel);
            }

            cancel = context.WaitForExternalEvent<CancelRequest>(EventNames.Cancel, CancellationToken.None);
        }

        try
        {
            return await provision;
        }
        catch (TaskFailedException)
        {
            await CloseAbandonedPullRequestAsync(context, input);
            return null;
        }
    }

    /// <summary>Closes the pull request of a provision that was stopped (terminated, or failed by a defect); best effort.</summary>
    private static async Task CloseAbandonedPullRequestAsync(TaskOrchestrationContext context, ProvisionInput input)
    {
        try
        {
            await context.CallClosePullRequestActivityAsync(
                new ClosePullRequestInput(input.ProvisionId, null,
                    $"Provisioner closed this pull request: provision {input.ProvisionId} was stopped before it finished. Start a new provision to try again."),
                ActivityRetryOptions.For(input.Timings.Retry));
        }
        catch (TaskFailedException)
        {
            // The provision is over either way; the failure is in the activity's logs.
        }
    }

    /// <summary>
    /// True when a cancel of this provision was raised before the lock first ran. Such an event is
    /// delivered with the lock's start, after its first await: a timer that fires at once lets it in.
    /// </summary>
    private static async Task<bool> CancelledBeforeStartAsync(TaskOrchestrationContext context, ProvisionInput input, Task<CancelRequest> cancel)
    {
        using var stopTimer = new CancellationTokenSource();
        var startNow = context.CreateTimer(context.CurrentUtcDateTime, stopTimer.Token);
        if (await Task.WhenAny(cancel, startNow) != cancel)
        {
            return false;
        }

        stopTimer.Cancel();
        return (await cancel).ProvisionId == input.ProvisionId;
    }

    private static ProvisionProgress NeverStarted(ProvisionInput input) => new()
    {
        ProvisionId = input.ProvisionId,
        Domain = input.Domain,
        AppType = input.AppType,
        TemplateId = input.TemplateId,
        Status = ProvisionStatus.Cancelled,
    };
}
