using System.Net;
using System.Text.Json.Nodes;
using Octokit;
using Provisioner.GitHub.Tests.Support;

namespace Provisioner.GitHub.Tests.Simulator;

/// <summary>
/// <c>GET /repos/{owner}/{repo}/pulls/{number}/commits</c>: the head's commits not in the base, oldest first,
/// in GitHub's commit shape, paginated; read with Octokit's <c>PullRequest.Commits</c>, which follows the Link header.
/// </summary>
public sealed class PullRequestCommitsTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task A_pull_request_lists_its_heads_commits_oldest_first_and_keeps_them_once_merged()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        var second = await CommitToBranchAsync(pr.Branch, "sites/shop.example.com/extra.txt", "Add a second file");

        var commits = await bed.Octokit.PullRequest.Commits(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);

        Assert.Equal(2, commits.Count);
        Assert.Equal(second.Sha, commits[1].Sha);
        Assert.Equal(commits[0].Sha, Assert.Single(commits[1].Parents).Sha);
        var main = await bed.Octokit.Git.Reference.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, "heads/main");
        Assert.Equal(main.Object.Sha, Assert.Single(commits[0].Parents).Sha);
        Assert.Contains("Provision-Id: ", commits[0].Commit.Message, StringComparison.Ordinal);
        Assert.Equal("Add a second file", commits[1].Commit.Message);
        Assert.Equal(second.Tree.Sha, commits[1].Commit.Tree.Sha);
        Assert.Equal("provisioner-bot", commits[1].Author.Login);
        Assert.Equal("provisioner-bot", commits[1].Commit.Author.Name);
        Assert.EndsWith($"/contoso/sites/commit/{second.Sha}", commits[1].HtmlUrl, StringComparison.Ordinal);
        Assert.EndsWith($"/repos/contoso/sites/commits/{second.Sha}", commits[1].Url, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(commits[1].NodeId));

        await bed.Octokit.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new MergePullRequest());

        // The base now holds them, but the pull request still lists what it merged, as GitHub's does.
        var merged = await bed.Octokit.PullRequest.Commits(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        Assert.Equal(commits.Select(c => c.Sha), merged.Select(c => c.Sha));
    }

    [Fact]
    public async Task Commits_paginate_with_Link_headers_and_an_unknown_pull_request_is_404()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        await CommitToBranchAsync(pr.Branch, "sites/shop.example.com/extra.txt", "Add a second file");
        bed.Simulator.Options.DefaultPageSize = 1;
        using var http = bed.Http();

        using var first = await http.GetAsync($"api/v3/repos/contoso/sites/pulls/{pr.Number}/commits");
        var all = await bed.Octokit.PullRequest.Commits(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        using var missing = await http.GetAsync("api/v3/repos/contoso/sites/pulls/999/commits");

        var page = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(
            ["author", "comments_url", "commit", "committer", "html_url", "node_id", "parents", "sha", "url"],
            Assert.Single(page)!.AsObject().Select(p => p.Key).Order());
        Assert.Contains("page=2>; rel=\"next\"", string.Join(", ", first.Headers.GetValues("Link")), StringComparison.Ordinal);
        Assert.Equal(2, all.Count);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Octokit.PullRequest.Commits(GitHubTestBed.Owner, GitHubTestBed.Repo, 999));
    }

    private async Task<Commit> CommitToBranchAsync(string branch, string path, string message)
    {
        var git = bed.Octokit.Git;
        var head = await git.Reference.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, "heads/" + branch);
        var parent = await git.Commit.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, head.Object.Sha);
        var tree = new NewTree { BaseTree = parent.Tree.Sha };
        tree.Tree.Add(new NewTreeItem { Path = path, Mode = "100644", Type = TreeType.Blob, Content = "more\n" });
        var created = await git.Tree.Create(GitHubTestBed.Owner, GitHubTestBed.Repo, tree);
        var commit = await git.Commit.Create(GitHubTestBed.Owner, GitHubTestBed.Repo, new NewCommit(message, created.Sha, head.Object.Sha));
        await git.Reference.Update(GitHubTestBed.Owner, GitHubTestBed.Repo, "heads/" + branch, new ReferenceUpdate(commit.Sha));
        return commit;
    }
}
