using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.SourceControl;

namespace Provisioner.Workflow.Activities;

/// <summary>Looks once at the provision's pull request; read-only, so safe to run any number of times.</summary>
[DurableTask(Name)]
public sealed class GetPullRequestStatusActivity(ISourceControl sourceControl) : TaskActivity<int, PullRequestStatus>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "GetPullRequestStatus";

    /// <inheritdoc/>
    public override Task<PullRequestStatus> RunAsync(TaskActivityContext context, int number) =>
        sourceControl.GetPullRequestAsync(number, CancellationToken.None);
}
