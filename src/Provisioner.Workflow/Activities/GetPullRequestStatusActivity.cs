using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>Looks once at the provision's pull request; read-only, so safe to run any number of times.</summary>
[DurableTask(ActivityNames.GetPullRequestStatus)]
public sealed class GetPullRequestStatusActivity(ISourceControl sourceControl) : TaskActivity<int, PullRequestStatus>
{
    /// <inheritdoc/>
    public override Task<PullRequestStatus> RunAsync(TaskActivityContext context, int number) =>
        sourceControl.GetPullRequestAsync(number, CancellationToken.None);
}
