using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Tests.Harness;
using Provisioner.GitHub.Webhooks;

namespace Provisioner.Api.Tests;

/// <summary>POST /api/github/webhook: the signature is checked first, over the raw bytes.</summary>
public sealed class GitHubWebhookSignatureTests
{
    [Theory]
    [InlineData("valid", true)]
    [InlineData("missing", false)]
    [InlineData("wrong", false)]
    [InlineData("wrong secret", false)]
    [InlineData("body changed by one byte", false)]
    [InlineData("sha1 header instead", false)]
    [InlineData("upper-case hex", false)]
    [InlineData("not hex", false)]
    public async Task Only_a_valid_signature_over_the_exact_body_is_accepted(string signature, bool accepted)
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = (string)JsonNode.Parse((await host.StartProvisionAsync("signed.example.com")).Body)!["provision_id"]!;
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        var body = "{\"action\":\"closed\",\"number\":42,\"pull_request\":{\"number\":42,\"merged\":false,\"head\":{\"ref\":\"provision/" + id +
                   "\"}},\"repository\":{\"full_name\":\"contoso/sites\"}}";
        var bytes = Encoding.UTF8.GetBytes(body);
        var header = signature switch
        {
            "valid" => WebhookSignature.Sign(WorkflowHost.WebhookSecret, bytes),
            "missing" => null,
            "wrong" => "sha256=" + new string('0', 64),
            "wrong secret" => WebhookSignature.Sign("another-secret", bytes),
            "body changed by one byte" => WebhookSignature.Sign(WorkflowHost.WebhookSecret, Encoding.UTF8.GetBytes(body.Replace("\"number\":42,", "\"number\":43,"))),
            "sha1 header instead" => "sha1=" + new string('a', 40),
            "upper-case hex" => WebhookSignature.Sign(WorkflowHost.WebhookSecret, bytes).ToUpperInvariant(),
            _ => "sha256=" + new string('z', 64),
        };
        var headers = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-GitHub-Event"] = "pull_request",
            ["X-GitHub-Delivery"] = Guid.NewGuid().ToString(),
            [WebhookSignature.Header] = header,
        };

        if (accepted)
        {
            host.SourceControl.Close();
        }

        var response = await host.DeliverAsync(bytes, headers);

        if (accepted)
        {
            Assert.Equal(202, response.StatusCode);
            await host.WaitForStatusAsync(id, "Rejected");
        }
        else
        {
            Assert.Equal(401, response.StatusCode);
            Assert.Equal("application/problem+json", response.ContentType);
            var deliveries = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-delivery:" }).ToListAsync();
            Assert.Empty(deliveries);
            Assert.Equal("AwaitingApproval", (string?)JsonNode.Parse((await host.GetProvisionAsync(id)).Body)!["status"]);
        }
    }

    [Fact]
    public async Task Ping_is_answered_and_other_events_are_acknowledged_and_ignored()
    {
        await using var host = await WorkflowHost.StartAsync();

        var ping = await host.DeliverAsync("ping", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}", Guid.NewGuid());
        var push = await host.DeliverAsync("push", "{\"ref\":\"refs/heads/main\"}", Guid.NewGuid());
        var opened = await host.DeliverAsync("pull_request", "{\"action\":\"opened\",\"pull_request\":{\"number\":1,\"head\":{\"ref\":\"provision/x\"}}}", Guid.NewGuid());
        var otherBranch = await host.DeliverAsync("pull_request",
            "{\"action\":\"closed\",\"pull_request\":{\"number\":1,\"merged\":true,\"head\":{\"ref\":\"feature/login\"}},\"repository\":{\"full_name\":\"contoso/sites\"}}", Guid.NewGuid());

        Assert.Equal(200, ping.StatusCode);
        Assert.Contains("pong", ping.Body);
        Assert.All(new[] { push, opened, otherBranch }, r =>
        {
            Assert.Equal(200, r.StatusCode);
            Assert.Equal("ignored", (string?)JsonNode.Parse(r.Body)!["result"]);
        });
    }

    [Fact]
    public async Task A_merge_in_another_repository_is_ignored()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = (string)JsonNode.Parse((await host.StartProvisionAsync("other-repo.example.com")).Body)!["provision_id"]!;
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        var response = await host.DeliverClosedEventAsync(id, merged: true, repository: "contoso/other");

        Assert.Equal("ignored", (string?)JsonNode.Parse(response.Body)!["result"]);
        Assert.Equal("AwaitingApproval", (string?)JsonNode.Parse((await host.GetProvisionAsync(id)).Body)!["status"]);
    }

    [Fact]
    public async Task A_pull_request_whose_branch_lives_in_a_fork_is_ignored()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = (string)JsonNode.Parse((await host.StartProvisionAsync("fork.example.com")).Body)!["provision_id"]!;
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        var body = "{\"action\":\"closed\",\"number\":7,\"pull_request\":{\"number\":7,\"merged\":false,\"head\":{\"ref\":\"provision/" + id +
                   "\",\"repo\":{\"full_name\":\"mallory/sites\"}}},\"repository\":{\"full_name\":\"contoso/sites\"}}";

        var response = await host.DeliverAsync("pull_request", body, Guid.NewGuid());

        Assert.Equal("ignored", (string?)JsonNode.Parse(response.Body)!["result"]);
        Assert.Contains("mallory/sites", (string?)JsonNode.Parse(response.Body)!["reason"]);
        Assert.Empty(await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-delivery:" }).ToListAsync());
    }

    [Fact]
    public async Task Without_a_configured_secret_every_delivery_is_refused()
    {
        await using var host = await WorkflowHost.StartAsync(settings: new Dictionary<string, string?> { ["WEBHOOK_SECRET"] = "" });

        var response = await host.DeliverAsync("ping", "{}", Guid.NewGuid());

        Assert.Equal(503, response.StatusCode);
        Assert.Contains("WEBHOOK_SECRET", response.Body);
    }
}
