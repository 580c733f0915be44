using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Integrations.SourceControl;

/// <summary>Opens the provision's pull request and asks the DevOps team to review it.</summary>
public interface ISourceControl
{
    /// <summary>
    /// Opens (or, when a retried call finds it, reuses) the pull request of a provision on branch
    /// <see cref="ProvisionBranch.For"/>: one commit with every file, the DevOps team as
    /// reviewer, the labels. Safe to call twice: never a second branch or pull request.
    /// </summary>
    Task<PullRequestRef> OpenPullRequestAsync(ProvisionPullRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Looks once at a pull request the provision opened. This, not the webhook, is what lets a
    /// provision past approval: a webhook event only says when to look.
    /// </summary>
    Task<PullRequestStatus> GetPullRequestAsync(int number, CancellationToken cancellationToken);

    /// <summary>
    /// Closes a provision's pull request with a comment saying why, so that nobody merges what no
    /// provision will build. Does nothing when it is already closed or merged; safe to call twice.
    /// </summary>
    Task ClosePullRequestAsync(int number, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// The number of the open pull request on the provision's branch (<see cref="ProvisionBranch.For"/>),
    /// or null when there is none: how a provision's pull request is found when its number was never
    /// recorded (the provision ended while, or before, the pull request was opened).
    /// </summary>
    Task<int?> FindOpenPullRequestAsync(string provisionId, CancellationToken cancellationToken);
}

/// <summary>What a provision's pull request must hold.</summary>
/// <param name="ProvisionId">The provision, also the branch suffix.</param>
/// <param name="Domain">The site's domain, for the title and body.</param>
/// <param name="AppType">The app type, for the body and labels.</param>
/// <param name="TemplateId">The template, for the body.</param>
/// <param name="Files">The rendered files.</param>
public sealed record ProvisionPullRequest(
    string ProvisionId,
    string Domain,
    AppType AppType,
    string TemplateId,
    IReadOnlyList<RenderedFile> Files);

/// <summary>Where a pull request stands.</summary>
public enum PullRequestState
{
    /// <summary>Open: not merged, not closed.</summary>
    Open,

    /// <summary>Merged.</summary>
    Merged,

    /// <summary>Closed without merging.</summary>
    ClosedUnmerged,
}

/// <summary>One look at a pull request.</summary>
/// <param name="Number">Its number.</param>
/// <param name="State">Open, merged or closed.</param>
/// <param name="MergeCommitSha">The merge commit, when merged.</param>
/// <param name="ClosedBy">Who merged it (when known).</param>
public sealed record PullRequestStatus(int Number, PullRequestState State, string? MergeCommitSha, string? ClosedBy);

/// <summary>An opened pull request.</summary>
/// <param name="Number">Its number in the repository.</param>
/// <param name="Url">Its web URL, for people.</param>
/// <param name="Branch">Its head branch.</param>
/// <param name="OpenedVia">Which path opened it (<c>rest</c> or <c>mcp</c>).</param>
/// <param name="Base">The repository and branch it merges into: what the site's build checks out once merged.</param>
public sealed record PullRequestRef(int Number, string Url, string Branch, string OpenedVia, SourceRepository Base);

/// <summary>A branch of a git repository, as a CI server clones it.</summary>
/// <param name="CloneUrl">The repository's clone URL (https), e.g. <c>https://github.com/contoso/sites.git</c>.</param>
/// <param name="Branch">The branch, e.g. <c>main</c>.</param>
public sealed record SourceRepository(string CloneUrl, string Branch);
