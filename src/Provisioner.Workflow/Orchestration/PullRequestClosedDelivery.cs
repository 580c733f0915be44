using Microsoft.DurableTask;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// Delivers one GitHub webhook delivery's <see cref="PullRequestClosed"/> to its provision. Its
/// instance id is the delivery id (<see cref="InstanceId"/>) and it is scheduled with dedupe on
/// every state, so a redelivery (GitHub reuses the delivery id) raises the event once, even across
/// Function instances; and once accepted, the event reaches the provision even if the webhook
/// function dies right after.
/// </summary>
[DurableTask(Name)]
public sealed class PullRequestClosedDelivery : TaskOrchestrator<PullRequestClosedDelivery.Input, bool>
{
    /// <summary>The name the durable engine knows this orchestrator by.</summary>
    public const string Name = "PullRequestClosedDelivery";

    /// <summary>The delivery's instance id.</summary>
    public static string InstanceId(Guid deliveryId) => "github-delivery:" + deliveryId.ToString("D");

    /// <inheritdoc/>
    public override Task<bool> RunAsync(TaskOrchestrationContext context, Input input)
    {
        context.SendEvent(input.ProvisionId, EventNames.PullRequestClosed, input.Event);
        return Task.FromResult(true);
    }

    /// <summary>What to deliver to whom.</summary>
    /// <param name="ProvisionId">The provision waiting for the event.</param>
    /// <param name="Event">The event.</param>
    public sealed record Input(string ProvisionId, PullRequestClosed Event);
}
