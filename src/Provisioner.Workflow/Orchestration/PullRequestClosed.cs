namespace Provisioner.Workflow.Orchestration;

/// <summary>The payload of <see cref="EventNames.PullRequestClosed"/>.</summary>
/// <param name="Number">The pull request number.</param>
/// <param name="Merged">True when it was merged, false when closed without merging.</param>
/// <param name="MergeCommitSha">The merge commit, when merged.</param>
/// <param name="ClosedBy">The login of whoever merged or closed it.</param>
public sealed record PullRequestClosed(int Number, bool Merged, string? MergeCommitSha, string? ClosedBy);
