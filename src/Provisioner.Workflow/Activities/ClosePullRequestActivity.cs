using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>
/// Closes a provision's pull request with a comment: the one numbered in the input, or else the
/// open one on the provision's branch. Does nothing to one already closed or merged, so safe to
/// run twice. Returns false when the provision has no pull request to close.
/// </summary>
[DurableTask(Name)]
public sealed class ClosePullRequestActivity(ISourceControl sourceControl) : TaskActivity<ClosePullRequestInput, bool>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "ClosePullRequest";

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, ClosePullRequestInput input)
    {
        var number = input.Number ?? await sourceControl.FindOpenPullRequestAsync(input.ProvisionId, CancellationToken.None);
        if (number is not { } pullRequest)
        {
            return false;
        }

        await sourceControl.ClosePullRequestAsync(pullRequest, input.Reason, CancellationToken.None);
        return true;
    }
}
