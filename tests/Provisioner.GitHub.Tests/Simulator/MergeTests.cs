using Octokit;
using Provisioner.GitHub.Tests.Support;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.GitHub.Tests.Simulator;

/// <summary>
/// The simulator merges as GitHub does: a pull request merges when its changes and the base's
/// changes since they diverged do not touch the same file differently, whatever was merged before.
/// </summary>
public sealed class MergeTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Ten_pull_requests_for_different_sites_all_merge_in_any_order()
    {
        var sourceControl = bed.SourceControl();
        var opened = new List<(string Domain, PullRequestRef PullRequest)>();
        for (var i = 0; i < 10; i++)
        {
            var domain = $"site{i}.example.com";
            opened.Add((domain, await sourceControl.OpenPullRequestAsync(SiteRequest(domain, "hello from " + domain), CancellationToken.None)));
        }

        // Neither the order they were opened in nor its reverse: every merge but the first lands on a base that moved.
        foreach (var (domain, pr) in new[] { 3, 7, 0, 9, 1, 5, 2, 8, 4, 6 }.Select(i => opened[i]))
        {
            var before = await bed.Octokit.PullRequest.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
            Assert.True(before.Mergeable);
            Assert.Equal("clean", before.MergeableState?.StringValue);

            var merge = await bed.Octokit.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new MergePullRequest());

            Assert.True(merge.Merged, domain);
            Assert.Equal(2, (await bed.Octokit.Git.Commit.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, merge.Sha)).Parents.Count);
        }

        var main = bed.Simulator.State.ReadFiles(GitHubTestBed.Owner, GitHubTestBed.Repo, "main");
        Assert.All(opened, o => Assert.Equal("hello from " + o.Domain, main[$"sites/{o.Domain}/index.html"]));
        Assert.Equal("# sites\n", main["README.md"]);
    }

    [Fact]
    public async Task A_pull_request_that_changes_a_file_the_base_changed_since_is_dirty_and_405_not_mergeable()
    {
        var sourceControl = bed.SourceControl();
        var first = await sourceControl.OpenPullRequestAsync(SiteRequest("same.example.com", "first"), CancellationToken.None);
        var second = await sourceControl.OpenPullRequestAsync(SiteRequest("same.example.com", "second"), CancellationToken.None);
        await bed.Octokit.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, first.Number, new MergePullRequest());

        var conflicted = await bed.Octokit.PullRequest.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, second.Number);
        Assert.False(conflicted.Mergeable);
        Assert.Equal("dirty", conflicted.MergeableState?.StringValue);

        var refused = await Assert.ThrowsAsync<PullRequestNotMergeableException>(
            () => bed.Octokit.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, second.Number, new MergePullRequest()));
        Assert.Equal("Pull Request is not mergeable", refused.Message);
        Assert.Equal("first", bed.Simulator.State.ReadFiles(GitHubTestBed.Owner, GitHubTestBed.Repo, "main")["sites/same.example.com/index.html"]);
        Assert.Equal(ItemState.Open, (await bed.Octokit.PullRequest.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, second.Number)).State.Value);
    }

    [Fact]
    public async Task A_closed_pull_request_is_not_mergeable()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(SiteRequest("closed.example.com", "x"), CancellationToken.None);
        await bed.Octokit.PullRequest.Update(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new PullRequestUpdate { State = ItemState.Closed });

        Assert.Null((await bed.Octokit.PullRequest.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number)).Mergeable);
        await Assert.ThrowsAsync<PullRequestNotMergeableException>(
            () => bed.Octokit.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new MergePullRequest()));
    }

    [Fact]
    public async Task A_token_that_names_its_user_merges_and_closes_as_that_user()
    {
        const string ReviewerToken = "reviewer-token-0123456789";
        await using var reviewed = await GitHubTestBed.StartAsync(options =>
        {
            options.Tokens.Add(ReviewerToken);
            options.TokenUsers[ReviewerToken] = "devops-reviewer";
        });
        var reviewer = new GitHubClient(new ProductHeaderValue("tests"), reviewed.Simulator.BaseUrl) { Credentials = new Credentials(ReviewerToken) };
        var merged = await reviewed.SourceControl().OpenPullRequestAsync(SiteRequest("merged.example.com", "x"), CancellationToken.None);
        var closed = await reviewed.SourceControl().OpenPullRequestAsync(SiteRequest("closed.example.com", "x"), CancellationToken.None);

        var merge = await reviewer.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, merged.Number, new MergePullRequest());
        await reviewer.PullRequest.Update(GitHubTestBed.Owner, GitHubTestBed.Repo, closed.Number, new PullRequestUpdate { State = ItemState.Closed });

        Assert.Equal("devops-reviewer", (await reviewed.Octokit.PullRequest.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, merged.Number)).MergedBy.Login);
        Assert.Equal("devops-reviewer", (await reviewed.Octokit.Git.Commit.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, merge.Sha)).Author.Name);
        Assert.All(reviewed.Simulator.WebhookDeliveries, delivery => Assert.Equal("devops-reviewer", (string?)System.Text.Json.Nodes.JsonNode.Parse(delivery.Body)!["sender"]!["login"]));
        Assert.Equal(2, reviewed.Simulator.WebhookDeliveries.Count);
        Assert.Equal("provisioner-bot", (await reviewed.Octokit.PullRequest.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, merged.Number)).User.Login);
    }

    private static ProvisionPullRequest SiteRequest(string domain, string index) =>
        new(ProvisionId.New(domain), domain, AppType.Frontend, "static-site",
            [new RenderedFile($"sites/{domain}/index.html", index), new RenderedFile($"sites/{domain}/k8s/service.yaml", "kind: Service\n")]);
}
