using Octokit;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.GitHub.Rest;

/// <summary>The REST calls that open a provision's pull request, each behind <see cref="GitHubErrorPolicy"/>.</summary>
internal sealed class RestPullRequestClient(IGitHubClient client, GitHubSettings settings, GitHubErrorPolicy policy)
{
    private string Owner => settings.Owner;

    private string Repo => settings.Repository;

    /// <summary>The sites repository's default branch and clone URL: where pull requests merge, and what the build clones.</summary>
    public Task<SourceRepository> GetBaseAsync(CancellationToken ct) =>
        policy.RunAsync("read the repository", async () =>
        {
            var repository = await client.Repository.Get(Owner, Repo);
            return new SourceRepository(repository.CloneUrl, repository.DefaultBranch);
        }, ct);

    /// <summary>The branch's head commit, or null when the branch does not exist.</summary>
    public Task<string?> FindBranchHeadAsync(string branch, CancellationToken ct) =>
        policy.RunAsync($"read branch {branch}", async () =>
        {
            try
            {
                return (await client.Git.Reference.Get(Owner, Repo, "heads/" + branch)).Object.Sha;
            }
            catch (NotFoundException)
            {
                return null;
            }
        }, ct);

    public async Task<string> GetBranchHeadAsync(string branch, CancellationToken ct) =>
        await FindBranchHeadAsync(branch, ct) ?? throw policy.Permanent($"Branch {branch} of {Owner}/{Repo} does not exist.");

    public Task<string> GetCommitMessageAsync(string sha, CancellationToken ct) =>
        policy.RunAsync("read a commit", async () => (await client.Git.Commit.Get(Owner, Repo, sha)).Message, ct);

    /// <summary>One commit on <paramref name="parentSha"/> holding every file: one tree call with inline contents, one commit call.</summary>
    public async Task<string> CommitFilesAsync(string parentSha, IReadOnlyList<RenderedFile> files, string message, CancellationToken ct)
    {
        var parentTree = await policy.RunAsync("read the base commit", async () => (await client.Git.Commit.Get(Owner, Repo, parentSha)).Tree.Sha, ct);
        var tree = new NewTree { BaseTree = parentTree };
        foreach (var file in files)
        {
            tree.Tree.Add(new NewTreeItem { Path = file.Path, Mode = "100644", Type = TreeType.Blob, Content = file.Content });
        }

        var treeSha = await policy.RunAsync("create the tree", async () => (await client.Git.Tree.Create(Owner, Repo, tree)).Sha, ct);
        return await policy.RunAsync("create the commit", async () => (await client.Git.Commit.Create(Owner, Repo, new NewCommit(message, treeSha, parentSha))).Sha, ct);
    }

    /// <summary>Creates the branch at a commit; false when it already exists (GitHub's 422 "Reference already exists").</summary>
    public Task<bool> TryCreateBranchAsync(string branch, string sha, CancellationToken ct) =>
        policy.RunAsync($"create branch {branch}", async () =>
        {
            try
            {
                await client.Git.Reference.Create(Owner, Repo, new NewReference("refs/heads/" + branch, sha));
                return true;
            }
            catch (ApiValidationException ex) when (ex.Message.Contains("Reference already exists", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }, ct);

    public Task<bool> FastForwardBranchAsync(string branch, string sha, CancellationToken ct) =>
        policy.RunAsync($"update branch {branch}", async () =>
        {
            await client.Git.Reference.Update(Owner, Repo, "heads/" + branch, new ReferenceUpdate(sha, force: false));
            return true;
        }, ct);

    public Task<PullRequest?> FindOpenPullRequestAsync(string branch, CancellationToken ct) =>
        policy.RunAsync("list open pull requests", async () =>
        {
            var open = await client.PullRequest.GetAllForRepository(Owner, Repo,
                new PullRequestRequest { State = ItemStateFilter.Open, Head = $"{Owner}:{branch}" },
                new ApiOptions { PageSize = 10, PageCount = 1 });
            return open.FirstOrDefault(p => p.Head?.Ref == branch);
        }, ct);

    /// <summary>Opens the pull request, or returns the open one GitHub says already exists for the branch.</summary>
    public async Task<PullRequest> CreatePullRequestAsync(string branch, string baseBranch, string title, string body, CancellationToken ct)
    {
        var created = await policy.RunAsync("open the pull request", async () =>
        {
            try
            {
                return await client.PullRequest.Create(Owner, Repo, new NewPullRequest(title, branch, baseBranch) { Body = body });
            }
            catch (ApiValidationException ex) when (GitHubErrorPolicy.ValidationDetail(ex).Contains("already exists", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }, ct);
        return created
            ?? await FindOpenPullRequestAsync(branch, ct)
            ?? throw policy.Permanent($"GitHub says a pull request for {branch} already exists in {Owner}/{Repo} but none is open.");
    }

    /// <summary>Where pull request <paramref name="number"/> stands.</summary>
    public Task<PullRequestStatus> GetPullRequestStatusAsync(int number, CancellationToken ct) =>
        policy.RunAsync($"read pull request #{number}", async () =>
        {
            var pr = await client.PullRequest.Get(Owner, Repo, number);
            var state = pr.Merged ? PullRequestState.Merged
                : pr.State.Value == ItemState.Closed ? PullRequestState.ClosedUnmerged
                : PullRequestState.Open;
            return new PullRequestStatus(number, state, pr.Merged ? pr.MergeCommitSha : null, pr.MergedBy?.Login);
        }, ct);

    /// <summary>Comments on and closes pull request <paramref name="number"/> unless it is already closed or merged.</summary>
    public Task<bool> CloseWithCommentAsync(int number, string comment, CancellationToken ct) =>
        policy.RunAsync($"close pull request #{number}", async () =>
        {
            var pr = await client.PullRequest.Get(Owner, Repo, number);
            if (pr.State.Value == ItemState.Closed)
            {
                return false;
            }

            await client.Issue.Comment.Create(Owner, Repo, number, comment);
            await client.PullRequest.Update(Owner, Repo, number, new PullRequestUpdate { State = ItemState.Closed });
            return true;
        }, ct);

    public Task<bool> RequestTeamReviewAsync(int number, CancellationToken ct) =>
        policy.RunAsync("request the DevOps team's review", async () =>
        {
            await client.PullRequest.ReviewRequest.Create(Owner, Repo, number, new PullRequestReviewRequest([], [settings.DevOpsTeamSlug]));
            return true;
        }, ct);

    public Task<bool> AddLabelsAsync(int number, IReadOnlyList<string> labels, CancellationToken ct) =>
        policy.RunAsync("label the pull request", async () =>
        {
            await client.Issue.Labels.AddToIssue(Owner, Repo, number, [.. labels]);
            return true;
        }, ct);
}
