using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Tests.Harness;
using Provisioner.Testing.Webhooks;

namespace Provisioner.Api.Tests;

/// <summary>
/// The webhook against GitHub's real recorded deliveries (npm <c>@octokit/webhooks-examples</c>),
/// re-pointed at a provision branch where routing is under test.
/// </summary>
public sealed class GitHubWebhookExamplesTests
{
    // The repository every recorded example comes from; the host is configured with it as the sites repository.
    private static readonly Dictionary<string, string?> ExampleRepository = new() { ["GITHUB_OWNER"] = "Codertocat", ["GITHUB_REPO"] = "Hello-World" };

    [Fact]
    public async Task A_real_merged_pull_request_delivery_moves_the_provision_past_approval()
    {
        await using var host = await WorkflowHost.StartAsync(settings: ExampleRepository);
        var id = await AwaitingApprovalAsync(host, "merged.example.com");
        var payload = WebhookExamples.PullRequestClosedMerged().WithPullRequest("provision/" + id);
        host.SourceControl.Merge((string)payload["pull_request"]!["merge_commit_sha"]!, (string)payload["pull_request"]!["merged_by"]!["login"]!);

        var response = await Deliver(host, "pull_request", payload, Guid.NewGuid());

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("merged", (string?)JsonNode.Parse(response.Body)!["result"]);
        var done = await host.WaitForStatusAsync(id, "Completed");
        var approval = done["timeline"]!.AsArray().Single(s => (string?)s!["name"] == "approval")!;
        Assert.Equal($"Merged by {(string?)payload["pull_request"]!["merged_by"]!["login"]}.", (string?)approval["detail"]);
        Assert.Equal((string?)payload["pull_request"]!["merge_commit_sha"], Assert.Single(host.BuildServer.Triggered)["GIT_COMMIT"]);
    }

    [Fact]
    public async Task A_real_closed_unmerged_delivery_rejects_the_provision()
    {
        await using var host = await WorkflowHost.StartAsync(settings: ExampleRepository);
        var id = await AwaitingApprovalAsync(host, "unmerged.example.com");
        host.SourceControl.Close();

        var response = await Deliver(host, "pull_request", WebhookExamples.PullRequestClosedUnmerged().WithPullRequest("provision/" + id), Guid.NewGuid());

        Assert.Equal("closed", (string?)JsonNode.Parse(response.Body)!["result"]);
        await host.WaitForStatusAsync(id, "Rejected");
    }

    [Fact]
    public async Task Real_deliveries_that_are_not_a_provisions_closed_pull_request_are_acknowledged_and_ignored()
    {
        await using var host = await WorkflowHost.StartAsync(settings: ExampleRepository);
        var id = await AwaitingApprovalAsync(host, "ignored.example.com");

        var ping = await Deliver(host, "ping", WebhookExamples.Ping(), Guid.NewGuid());
        var ignored = new[]
        {
            await Deliver(host, "pull_request", WebhookExamples.PullRequestOpened().WithPullRequest("provision/" + id), Guid.NewGuid()),
            await Deliver(host, "pull_request", WebhookExamples.PullRequestClosedMerged(), Guid.NewGuid()), // its own branch, not a provision's
            await Deliver(host, "push", WebhookExamples.Push(), Guid.NewGuid()),
            await Deliver(host, "issues", WebhookExamples.Example("issues", "opened"), Guid.NewGuid()),
            await Deliver(host, "pull_request_review", WebhookExamples.Example("pull_request_review", "submitted"), Guid.NewGuid()),
        };

        Assert.Equal(200, ping.StatusCode);
        Assert.Equal("pong", (string?)JsonNode.Parse(ping.Body)!["result"]);
        Assert.All(ignored, r =>
        {
            Assert.Equal(200, r.StatusCode);
            Assert.Equal("ignored", (string?)JsonNode.Parse(r.Body)!["result"]);
        });
        Assert.Empty(await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-delivery:" }).ToListAsync());
        Assert.Equal("AwaitingApproval", (string?)JsonNode.Parse((await host.GetProvisionAsync(id)).Body)!["status"]);
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("signed with another secret")]
    public async Task Real_deliveries_without_the_right_signature_are_401_and_change_nothing(string how)
    {
        await using var host = await WorkflowHost.StartAsync(settings: ExampleRepository);
        var id = await AwaitingApprovalAsync(host, "forged.example.com");
        var body = WebhookExamples.PullRequestClosedMerged().WithPullRequest("provision/" + id).Body();
        var signature = how == "unsigned" ? null : WebhookExamples.Signature256("not-the-webhook-secret", body);

        var response = await host.DeliverAsync(body, Headers("pull_request", Guid.NewGuid(), signature));

        Assert.Equal(401, response.StatusCode);
        Assert.Empty(await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-delivery:" }).ToListAsync());
        Assert.Equal("AwaitingApproval", (string?)JsonNode.Parse((await host.GetProvisionAsync(id)).Body)!["status"]);
    }

    [Fact]
    public async Task A_redelivered_real_merge_raises_the_event_once()
    {
        await using var host = await WorkflowHost.StartAsync(settings: ExampleRepository);
        var id = await AwaitingApprovalAsync(host, "twice.example.com");
        var payload = WebhookExamples.PullRequestClosedMerged().WithPullRequest("provision/" + id);
        host.SourceControl.Merge();
        var delivery = Guid.NewGuid();

        var first = await Deliver(host, "pull_request", payload, delivery);
        var redelivered = await Deliver(host, "pull_request", payload, delivery);

        Assert.Equal("merged", (string?)JsonNode.Parse(first.Body)!["result"]);
        Assert.Equal("duplicate", (string?)JsonNode.Parse(redelivered.Body)!["result"]);
        await host.WaitForStatusAsync(id, "Completed");
        Assert.Single(host.BuildServer.Triggered);
    }

    private static async Task<string> AwaitingApprovalAsync(WorkflowHost host, string domain)
    {
        var id = (string)JsonNode.Parse((await host.StartProvisionAsync(domain)).Body)!["provision_id"]!;
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        return id;
    }

    private static Task<TestResponse> Deliver(WorkflowHost host, string eventName, JsonObject payload, Guid delivery)
    {
        var body = payload.Body();
        return host.DeliverAsync(body, Headers(eventName, delivery, WebhookExamples.Signature256(WorkflowHost.WebhookSecret, body)));
    }

    private static Dictionary<string, string?> Headers(string eventName, Guid delivery, string? signature) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["X-GitHub-Event"] = eventName,
        ["X-GitHub-Delivery"] = delivery.ToString(),
        ["X-Hub-Signature-256"] = signature,
        ["User-Agent"] = "GitHub-Hookshot/044aadd",
    };
}
