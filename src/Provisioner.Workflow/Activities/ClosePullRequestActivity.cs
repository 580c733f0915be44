using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>Closes the provision's pull request with a comment; does nothing to one already closed, so safe to run twice.</summary>
[DurableTask(ActivityNames.ClosePullRequest)]
public sealed class ClosePullRequestActivity(ISourceControl sourceControl) : TaskActivity<ClosePullRequestInput, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, ClosePullRequestInput input)
    {
        await sourceControl.ClosePullRequestAsync(input.Number, input.Reason, CancellationToken.None);
        return true;
    }
}
