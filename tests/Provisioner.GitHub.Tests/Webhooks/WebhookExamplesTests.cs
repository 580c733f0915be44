using System.Text.Json.Nodes;
using Provisioner.GitHub.Tests.Support;
using Provisioner.Testing.Webhooks;

namespace Provisioner.GitHub.Tests.Webhooks;

/// <summary>The real payloads load, and the simulator's deliveries use only fields GitHub's real payloads have.</summary>
public sealed class WebhookExamplesTests
{
    [Fact]
    public void The_pull_request_examples_cover_opened_closed_merged_and_closed_unmerged()
    {
        Assert.Equal("opened", (string?)WebhookExamples.PullRequestOpened()["action"]);

        var unmerged = WebhookExamples.PullRequestClosedUnmerged();
        Assert.Equal("closed", (string?)unmerged["action"]);
        Assert.False(unmerged["pull_request"]!["merged"]!.GetValue<bool>());

        var merged = WebhookExamples.PullRequestClosedMerged();
        Assert.Equal("closed", (string?)merged["action"]);
        Assert.True(merged["pull_request"]!["merged"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty((string?)merged["pull_request"]!["merge_commit_sha"]));
        Assert.Equal((string?)merged["sender"]!["login"], (string?)merged["pull_request"]!["merged_by"]!["login"]);
        Assert.False(string.IsNullOrEmpty((string?)merged["repository"]!["full_name"]));
    }

    [Fact]
    public void Ping_and_push_examples_load()
    {
        var ping = WebhookExamples.Ping();
        Assert.NotNull(ping["zen"]);
        Assert.NotNull(ping["hook_id"]);

        var push = WebhookExamples.Push();
        Assert.StartsWith("refs/", (string?)push["ref"], StringComparison.Ordinal);
        Assert.NotNull(push["commits"]);
    }

    [Fact]
    public void Examples_can_be_pointed_at_a_provision_branch_and_signed()
    {
        var payload = WebhookExamples.PullRequestClosedMerged().WithPullRequest("provision/prv-0123456789abcdef0123456789abcdef", 42);
        var body = payload.Body();

        Assert.Equal("provision/prv-0123456789abcdef0123456789abcdef", (string?)JsonNode.Parse(body)!["pull_request"]!["head"]!["ref"]);
        Assert.Equal(42, JsonNode.Parse(body)!["number"]!.GetValue<int>());
        Assert.Matches("^sha256=[0-9a-f]{64}$", WebhookExamples.Signature256("secret", body));
        // Fresh copies: changing one never changes the next.
        Assert.NotEqual(42, WebhookExamples.PullRequestClosedMerged()["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_simulators_pull_request_webhook_has_only_fields_the_real_payload_has()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var bed = await GitHubTestBed.StartAsync(o => o.WebhookUrl = receiver.Url);
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        await bed.Simulator.MergeAsync(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        var ours = JsonNode.Parse(Assert.Single(receiver.Received).Body)!.AsObject();
        var real = WebhookExamples.PullRequestClosedMerged();

        // Org-owned repositories' deliveries also carry "organization"; the example's repository is a user's.
        AssertSubset(real, ours, "$", allowedExtra: ["organization"]);
    }

    private static void AssertSubset(JsonObject real, JsonObject ours, string path, IReadOnlyCollection<string>? allowedExtra = null)
    {
        foreach (var (key, value) in ours)
        {
            if (allowedExtra?.Contains(key) == true)
            {
                continue;
            }

            Assert.True(real.ContainsKey(key), $"{path}.{key} is not in GitHub's payload");
            if (value is JsonObject child && real[key] is JsonObject realChild)
            {
                AssertSubset(realChild, child, $"{path}.{key}");
            }
        }
    }
}
