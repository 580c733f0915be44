using System.Text.Json;
using Octokit;
using Provisioner.GitHub.Tests.Support;
using Provisioner.GitHub.Webhooks;

namespace Provisioner.GitHub.Tests.Webhooks;

public sealed class SimulatorWebhookTests : WebhookTestBase
{

    [Fact]
    public async Task Merging_through_the_API_delivers_a_signed_pull_request_closed_merged_webhook()
    {
        var request = GitHubTestBed.Request();
        var pr = await Bed.SourceControl().OpenPullRequestAsync(request, CancellationToken.None);

        var merge = await Bed.Octokit.PullRequest.Merge(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new MergePullRequest());

        Assert.True(merge.Merged);
        var hook = Assert.Single(Receiver.Received);
        AssertSignedByGitHub(hook, "pull_request");
        using var payload = JsonDocument.Parse(hook.Body);
        var root = payload.RootElement;
        Assert.Equal("closed", root.GetProperty("action").GetString());
        Assert.Equal(pr.Number, root.GetProperty("number").GetInt32());
        Assert.Equal("contoso/sites", root.GetProperty("repository").GetProperty("full_name").GetString());
        var pull = root.GetProperty("pull_request");
        Assert.True(pull.GetProperty("merged").GetBoolean());
        Assert.Equal(pr.Number, pull.GetProperty("number").GetInt32());
        Assert.Equal(pr.Branch, pull.GetProperty("head").GetProperty("ref").GetString());
        Assert.Equal(merge.Sha, pull.GetProperty("merge_commit_sha").GetString());
        Assert.Equal("provisioner-bot", pull.GetProperty("merged_by").GetProperty("login").GetString());
        Assert.Equal("provisioner-bot", root.GetProperty("sender").GetProperty("login").GetString());

        // The merge landed: main now holds the provision's files.
        var main = await Bed.Octokit.Git.Reference.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, "heads/main");
        Assert.Equal(merge.Sha, main.Object.Sha);
        var files = Bed.Simulator.State.ReadFiles(GitHubTestBed.Owner, GitHubTestBed.Repo, "main");
        Assert.All(request.Files, f => Assert.Equal(f.Content, files[f.Path]));
    }

    [Fact]
    public async Task Closing_without_merging_delivers_merged_false()
    {
        var pr = await Bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);

        await Bed.Octokit.PullRequest.Update(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number, new PullRequestUpdate { State = ItemState.Closed });

        var hook = Assert.Single(Receiver.Received);
        AssertSignedByGitHub(hook, "pull_request");
        using var payload = JsonDocument.Parse(hook.Body);
        Assert.Equal("closed", payload.RootElement.GetProperty("action").GetString());
        Assert.False(payload.RootElement.GetProperty("pull_request").GetProperty("merged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, payload.RootElement.GetProperty("pull_request").GetProperty("merge_commit_sha").ValueKind);
    }

    [Fact]
    public async Task Each_delivery_has_its_own_id_and_a_ping_is_signed_too()
    {
        var pr = await Bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        await Bed.Simulator.PingAsync(GitHubTestBed.Owner, GitHubTestBed.Repo);
        await Bed.Simulator.MergeAsync(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);

        Assert.Equal(2, Receiver.Received.Count);
        AssertSignedByGitHub(Receiver.Received[0], "ping");
        AssertSignedByGitHub(Receiver.Received[1], "pull_request");
        Assert.NotEqual(Receiver.Received[0].Headers["X-GitHub-Delivery"], Receiver.Received[1].Headers["X-GitHub-Delivery"]);
        Assert.All(Bed.Simulator.WebhookDeliveries, d => Assert.Equal(204, d.StatusCode));
    }

    private static void AssertSignedByGitHub(ReceivedWebhook hook, string eventName)
    {
        Assert.Equal(eventName, hook.Headers["X-GitHub-Event"]);
        Assert.True(Guid.TryParse(hook.Headers["X-GitHub-Delivery"], out _));
        Assert.StartsWith("GitHub-Hookshot/", hook.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.StartsWith("application/json", hook.Headers["Content-Type"], StringComparison.Ordinal);
        var actual = hook.Headers["X-Hub-Signature-256"];
        Assert.True(WebhookSignature.IsValid(Secret, hook.Body, actual), $"signature {actual} is not the body's HMAC-SHA256 under the webhook secret");
    }
}
