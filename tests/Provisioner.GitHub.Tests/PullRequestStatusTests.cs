using Octokit;
using Provisioner.GitHub.Tests.Support;
using Provisioner.Workflow.Integrations.SourceControl;

namespace Provisioner.GitHub.Tests;

/// <summary>The look at a pull request that decides approval, against the simulator's GET pulls/{number}.</summary>
public sealed class PullRequestStatusTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task An_open_pull_request_reads_Open_and_once_merged_reads_Merged_with_its_merge_commit()
    {
        var sourceControl = bed.SourceControl();
        var pr = await sourceControl.OpenPullRequestAsync(GitHubTestBed.Request(fileCount: 2), CancellationToken.None);

        var open = await sourceControl.GetPullRequestAsync(pr.Number, CancellationToken.None);
        await bed.Octokit.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new MergePullRequest());
        var merged = await sourceControl.GetPullRequestAsync(pr.Number, CancellationToken.None);

        Assert.Equal(new PullRequestStatus(pr.Number, PullRequestState.Open, null, null), open);
        Assert.Equal(PullRequestState.Merged, merged.State);
        var onGitHub = await bed.Octokit.PullRequest.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        Assert.Equal(onGitHub.MergeCommitSha, merged.MergeCommitSha);
        Assert.False(string.IsNullOrEmpty(merged.MergeCommitSha));
    }

    [Fact]
    public async Task A_pull_request_closed_without_merging_reads_ClosedUnmerged()
    {
        var sourceControl = bed.SourceControl();
        var pr = await sourceControl.OpenPullRequestAsync(GitHubTestBed.Request(fileCount: 1), CancellationToken.None);

        await bed.Octokit.PullRequest.Update(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new PullRequestUpdate { State = ItemState.Closed });

        Assert.Equal(PullRequestState.ClosedUnmerged, (await sourceControl.GetPullRequestAsync(pr.Number, CancellationToken.None)).State);
    }
}
