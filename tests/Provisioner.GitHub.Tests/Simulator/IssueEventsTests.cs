using System.Net;
using System.Text.Json.Nodes;
using Octokit;
using Provisioner.GitHub.Tests.Support;

namespace Provisioner.GitHub.Tests.Simulator;

/// <summary>
/// A pull request's issue events as GitHub records them, one per change: every review request (a repeated
/// one too), each label the first time it is added, the merge and the close. Read with Octokit's
/// <c>Issue.Events.GetAllForIssue</c>, and raw for the fields Octokit does not map (<c>requested_team</c>).
/// </summary>
public sealed class IssueEventsTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Opening_a_provision_pull_request_records_one_team_review_request_and_each_label_once()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);

        var events = await bed.Octokit.Issue.Events.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);

        Assert.Equal([EventInfoState.ReviewRequested, EventInfoState.Labeled, EventInfoState.Labeled], events.Select(e => e.Event.Value));
        Assert.Equal(["provisioning", "app:backend"], events.Where(e => e.Event.Value == EventInfoState.Labeled).Select(e => e.Label.Name));
        Assert.All(events, e =>
        {
            Assert.Equal("provisioner-bot", e.Actor.Login);
            Assert.Null(e.CommitId);
            Assert.EndsWith($"/repos/contoso/sites/issues/events/{e.Id}", e.Url, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(e.NodeId));
        });
        Assert.Equal("provisioner-bot", events[0].ReviewRequester.Login);
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));

        var raw = await RawEventsAsync(pr.Number);
        var team = raw[0]!["requested_team"]!;
        Assert.Equal("devops", (string?)team["slug"]);
        Assert.Equal("devops", (string?)team["name"]);
        Assert.NotNull((long?)team["id"]);
        Assert.Null(raw[0]!["requested_reviewer"]);
        Assert.Null(raw[0]!["performed_via_github_app"]);
        Assert.Equal("ededed", (string?)raw[1]!["label"]!["color"]);
    }

    [Fact]
    public async Task Requesting_the_same_team_twice_records_two_review_requested_events()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);

        var requested = await bed.Octokit.PullRequest.ReviewRequest.Create(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new PullRequestReviewRequest([], [GitHubTestBed.Team]));
        await bed.Octokit.PullRequest.ReviewRequest.Create(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new PullRequestReviewRequest(["octocat"], []));

        Assert.Single(requested.RequestedTeams);
        var events = await bed.Octokit.Issue.Events.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        Assert.Equal(3, events.Count(e => e.Event.Value == EventInfoState.ReviewRequested));
        Assert.Equal("octocat", events.Last(e => e.Event.Value == EventInfoState.ReviewRequested).RequestedReviewer.Login);
        var raw = await RawEventsAsync(pr.Number);
        Assert.Equal(2, raw.Count(e => (string?)e!["requested_team"]?["slug"] == GitHubTestBed.Team));
    }

    [Fact]
    public async Task Adding_a_label_the_pull_request_already_has_records_nothing()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        var before = await bed.Octokit.Issue.Events.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);

        await bed.Octokit.Issue.Labels.AddToIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, ["provisioning", "urgent"]);

        var after = await bed.Octokit.Issue.Events.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        var added = Assert.Single(after.Skip(before.Count));
        Assert.Equal(EventInfoState.Labeled, added.Event.Value);
        Assert.Equal("urgent", added.Label.Name);
    }

    [Fact]
    public async Task A_merge_records_merged_then_closed_both_naming_the_merge_commit_and_by_who_merged()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        bed.Simulator.Options.TokenUsers[GitHubTestBed.Token] = "devops-reviewer";

        var merge = await bed.Octokit.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new MergePullRequest());

        var events = await bed.Octokit.Issue.Events.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        Assert.Equal([EventInfoState.Merged, EventInfoState.Closed], events.TakeLast(2).Select(e => e.Event.Value));
        Assert.All(events.TakeLast(2), e =>
        {
            Assert.Equal(merge.Sha, e.CommitId);
            Assert.EndsWith($"/repos/contoso/sites/commits/{merge.Sha}", e.CommitUrl, StringComparison.Ordinal);
            Assert.Equal("devops-reviewer", e.Actor.Login);
        });
        Assert.Single(events, e => e.Event.Value == EventInfoState.Merged);
    }

    [Fact]
    public async Task Closing_without_merging_records_closed_with_no_commit()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);

        await bed.Octokit.PullRequest.Update(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new PullRequestUpdate { State = ItemState.Closed });

        var events = await bed.Octokit.Issue.Events.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        var closed = events[^1];
        Assert.Equal(EventInfoState.Closed, closed.Event.Value);
        Assert.Null(closed.CommitId);
        Assert.DoesNotContain(events, e => e.Event.Value == EventInfoState.Merged);
    }

    [Fact]
    public async Task Through_MCP_the_review_request_and_labels_are_recorded_as_through_REST()
    {
        var pr = await bed.SourceControl(useMcp: true).OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        Assert.Equal("mcp", pr.OpenedVia);

        var events = await bed.Octokit.Issue.Events.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);

        Assert.Single(events, e => e.Event.Value == EventInfoState.ReviewRequested);
        Assert.Equal(["provisioning", "app:backend"], events.Where(e => e.Event.Value == EventInfoState.Labeled).Select(e => e.Label.Name));
        Assert.DoesNotContain(events, e => e.Event.Value == EventInfoState.Unlabeled);
    }

    [Fact]
    public async Task Events_paginate_with_Link_headers_and_an_unknown_issue_is_404()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        using var http = bed.Http();

        using var first = await http.GetAsync($"api/v3/repos/contoso/sites/issues/{pr.Number}/events?per_page=2");
        var paged = await bed.Octokit.Issue.Events.GetAllForIssue(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new ApiOptions { PageSize = 1 });
        using var missing = await http.GetAsync("api/v3/repos/contoso/sites/issues/999/events");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray().Count);
        var link = string.Join(", ", first.Headers.GetValues("Link"));
        Assert.Contains("page=2>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("per_page=2", link, StringComparison.Ordinal);
        Assert.Equal(3, paged.Count);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Not Found", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["message"]);
        await Assert.ThrowsAsync<NotFoundException>(() => bed.Octokit.Issue.Events.GetAllForIssue("contoso", "missing", 1));
    }

    private async Task<JsonArray> RawEventsAsync(int number)
    {
        using var http = bed.Http();
        return JsonNode.Parse(await http.GetStringAsync($"api/v3/repos/contoso/sites/issues/{number}/events"))!.AsArray();
    }
}
