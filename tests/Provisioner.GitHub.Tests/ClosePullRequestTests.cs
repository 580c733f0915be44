using Provisioner.GitHub.Tests.Support;

namespace Provisioner.GitHub.Tests;

/// <summary>Closing an abandoned pull request with a comment, against the simulator.</summary>
public sealed class ClosePullRequestTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task An_open_pull_request_gets_the_comment_and_is_closed_once_however_often_it_is_asked()
    {
        var sourceControl = bed.SourceControl();
        var pr = await sourceControl.OpenPullRequestAsync(GitHubTestBed.Request(fileCount: 1), CancellationToken.None);

        await sourceControl.ClosePullRequestAsync(pr.Number, "Approval expired.", CancellationToken.None);
        await sourceControl.ClosePullRequestAsync(pr.Number, "Approval expired.", CancellationToken.None);

        var onGitHub = bed.Simulator.State.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!.PullRequests[pr.Number];
        Assert.Equal("closed", onGitHub.State);
        Assert.False(onGitHub.Merged);
        Assert.Equal("Approval expired.", Assert.Single(onGitHub.Comments).Body);
    }

    [Fact]
    public async Task A_merged_pull_request_is_left_alone()
    {
        var sourceControl = bed.SourceControl();
        var pr = await sourceControl.OpenPullRequestAsync(GitHubTestBed.Request(fileCount: 1), CancellationToken.None);
        await bed.Simulator.MergeAsync(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);

        await sourceControl.ClosePullRequestAsync(pr.Number, "Approval expired.", CancellationToken.None);

        var onGitHub = bed.Simulator.State.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!.PullRequests[pr.Number];
        Assert.True(onGitHub.Merged);
        Assert.Empty(onGitHub.Comments);
    }

    [Fact]
    public async Task A_provisions_open_pull_request_is_found_by_its_branch_and_only_while_open()
    {
        var sourceControl = bed.SourceControl();
        var request = GitHubTestBed.Request(fileCount: 1);
        Assert.Null(await sourceControl.FindOpenPullRequestAsync(request.ProvisionId, CancellationToken.None));
        var pr = await sourceControl.OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal(pr.Number, await sourceControl.FindOpenPullRequestAsync(request.ProvisionId, CancellationToken.None));
        Assert.Null(await sourceControl.FindOpenPullRequestAsync(GitHubTestBed.Request(fileCount: 1).ProvisionId, CancellationToken.None));

        await sourceControl.ClosePullRequestAsync(pr.Number, "Cancelled.", CancellationToken.None);
        Assert.Null(await sourceControl.FindOpenPullRequestAsync(request.ProvisionId, CancellationToken.None));
    }
}
