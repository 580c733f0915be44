using Octokit;
using Provisioner.GitHub.Tests.Support;
using Provisioner.Workflow.Model;
using Xunit.Abstractions;

namespace Provisioner.GitHub.Tests;

public sealed class RestPullRequestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Opens_a_pull_request_with_one_commit_holding_every_file_the_team_review_and_labels()
    {
        var request = GitHubTestBed.Request(fileCount: 7, appType: AppType.Backend);

        var pr = await bed.SourceControl().OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal("rest", pr.OpenedVia);
        Assert.Equal(ProvisionBranch.For(request.ProvisionId), pr.Branch);
        var octokit = bed.Octokit;
        var landed = await octokit.PullRequest.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        Assert.Equal(landed.HtmlUrl, pr.Url);
        Assert.Equal(pr.Branch, landed.Head.Ref);
        Assert.Equal("main", landed.Base.Ref);
        Assert.Contains("shop.example.com", landed.Title, StringComparison.Ordinal);
        foreach (var expected in new[] { "shop.example.com", "backend", "node-api", request.ProvisionId })
        {
            Assert.Contains(expected, landed.Body, StringComparison.Ordinal);
        }

        Assert.All(request.Files, f => Assert.Contains(f.Path, landed.Body, StringComparison.Ordinal));

        var commits = bed.Simulator.State.CommitsAhead(GitHubTestBed.Owner, GitHubTestBed.Repo, "main", pr.Branch);
        var commit = Assert.Single(commits);
        Assert.Contains("Provision-Id: " + request.ProvisionId, commit.Message, StringComparison.Ordinal);

        // Read the commit's tree back through the API: every rendered file, plus what main already had.
        var tree = await octokit.Git.Tree.GetRecursive(GitHubTestBed.Owner, GitHubTestBed.Repo, commit.TreeSha);
        var blobs = tree.Tree.Where(t => t.Type == TreeType.Blob).ToDictionary(t => t.Path, t => t.Sha);
        Assert.Contains("README.md", blobs.Keys);
        foreach (var file in request.Files)
        {
            var blob = await octokit.Git.Blob.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, blobs[file.Path]);
            Assert.Equal(file.Content, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(blob.Content)));
        }

        Assert.Equal(request.Files.Count + 2, blobs.Count);
        Assert.Equal([GitHubTestBed.Team], landed.RequestedTeams.Select(t => t.Slug));
        var labels = await octokit.Issue.Labels.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        Assert.Equal(["provisioning", "app:backend"], labels.Select(l => l.Name));
    }

    [Fact]
    public async Task Frontend_pull_requests_get_the_frontend_label()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(appType: AppType.Frontend), CancellationToken.None);

        var repo = bed.Simulator.State.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!;
        Assert.Equal(["provisioning", "app:frontend"], repo.PullRequests[pr.Number].Labels);
    }

    [Fact]
    public async Task The_number_of_REST_calls_per_pull_request_does_not_depend_on_the_number_of_files()
    {
        var sourceControl = bed.SourceControl();
        bed.Simulator.Log.Clear();
        await sourceControl.OpenPullRequestAsync(GitHubTestBed.Request(fileCount: 1), CancellationToken.None);
        var oneFile = bed.Simulator.Log.ApiCalls;
        bed.Simulator.Log.Clear();
        await sourceControl.OpenPullRequestAsync(GitHubTestBed.Request(fileCount: 200), CancellationToken.None);
        var manyFiles = bed.Simulator.Log.ApiCalls;

        output.WriteLine($"REST calls for 1 file: {oneFile.Count}; for 200 files: {manyFiles.Count}");
        foreach (var call in manyFiles)
        {
            output.WriteLine(call.ToString());
        }

        Assert.Equal(oneFile.Select(c => $"{c.Method} {c.Status}"), manyFiles.Select(c => $"{c.Method} {c.Status}"));
        Assert.Equal(10, manyFiles.Count);
        Assert.Single(manyFiles, c => c.Method == "POST" && c.Path.EndsWith("/git/trees", StringComparison.Ordinal));
        Assert.DoesNotContain(manyFiles, c => c.Path.EndsWith("/git/blobs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calling_again_after_success_reuses_the_branch_and_the_pull_request()
    {
        var sourceControl = bed.SourceControl();
        var request = GitHubTestBed.Request();

        var first = await sourceControl.OpenPullRequestAsync(request, CancellationToken.None);
        var second = await sourceControl.OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal(first.Number, second.Number);
        AssertOneBranchOnePullRequestOneCommit(request.ProvisionId);
    }

    [Theory]
    [InlineData("POST", "/repos/contoso/sites/pulls", 502, false, false)]
    [InlineData("POST", "/repos/contoso/sites/pulls", 0, true, false)]
    [InlineData("POST", "/repos/contoso/sites/pulls", 0, true, true)]
    [InlineData("POST", "/repos/contoso/sites/git/refs", 0, true, true)]
    [InlineData("POST", "/repos/contoso/sites/pulls/\\d+/requested_reviewers", 500, false, false)]
    [InlineData("POST", "/repos/contoso/sites/issues/\\d+/labels", 0, true, true)]
    public async Task A_retried_call_after_a_failure_leaves_one_branch_and_one_pull_request(string method, string path, int status, bool drop, bool afterHandling)
    {
        var sourceControl = bed.SourceControl();
        var request = GitHubTestBed.Request();
        var fault = bed.Simulator.Faults.Add(new Simulators.Common.Diagnostics.FaultRule(method, path)
        {
            StatusCode = status == 0 ? null : status,
            DropConnection = drop,
            AfterHandling = afterHandling,
        });

        var failure = await Assert.ThrowsAsync<Workflow.Integrations.TransientIntegrationException>(
            () => sourceControl.OpenPullRequestAsync(request, CancellationToken.None));
        Assert.Equal(1, fault.Hits);
        Assert.DoesNotContain(GitHubTestBed.Token, failure.ToString(), StringComparison.Ordinal);

        var pr = await sourceControl.OpenPullRequestAsync(request, CancellationToken.None);

        AssertOneBranchOnePullRequestOneCommit(request.ProvisionId);
        var repo = bed.Simulator.State.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!;
        Assert.Equal([GitHubTestBed.Team], repo.PullRequests[pr.Number].RequestedTeams);
        Assert.Equal(["provisioning", "app:backend"], repo.PullRequests[pr.Number].Labels);
    }

    [Fact]
    public async Task A_branch_with_someone_elses_commit_is_a_permanent_error()
    {
        var request = GitHubTestBed.Request();
        var octokit = bed.Octokit;
        var main = await octokit.Git.Reference.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, "heads/main");
        var baseCommit = await octokit.Git.Commit.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, main.Object.Sha);
        var tree = new NewTree { BaseTree = baseCommit.Tree.Sha };
        tree.Tree.Add(new NewTreeItem { Path = "other.txt", Mode = "100644", Type = TreeType.Blob, Content = "not ours" });
        var treeSha = (await octokit.Git.Tree.Create(GitHubTestBed.Owner, GitHubTestBed.Repo, tree)).Sha;
        var foreign = await octokit.Git.Commit.Create(GitHubTestBed.Owner, GitHubTestBed.Repo, new NewCommit("someone else's work", treeSha, main.Object.Sha));
        await octokit.Git.Reference.Create(GitHubTestBed.Owner, GitHubTestBed.Repo, new NewReference("refs/heads/" + ProvisionBranch.For(request.ProvisionId), foreign.Sha));

        var failure = await Assert.ThrowsAsync<Workflow.Integrations.PermanentIntegrationException>(
            () => bed.SourceControl().OpenPullRequestAsync(request, CancellationToken.None));

        Assert.Contains("did not make", failure.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.State.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!.PullRequests);
    }

    private void AssertOneBranchOnePullRequestOneCommit(string provisionId)
    {
        var repo = bed.Simulator.State.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!;
        var branch = ProvisionBranch.For(provisionId);
        Assert.Single(repo.Refs.Keys, r => r.StartsWith("refs/heads/provision/", StringComparison.Ordinal));
        Assert.Single(repo.PullRequests.Values, p => p.Head == branch);
        Assert.Single(bed.Simulator.State.CommitsAhead(GitHubTestBed.Owner, GitHubTestBed.Repo, "main", branch));
    }
}
