using System.Text.Json.Nodes;
using Provisioner.Api.Tests.Harness;
using Provisioner.Api.Tests.TestDoubles;

namespace Provisioner.Api.Tests;

/// <summary>No secret value reaches a log line or a response, on success or on failure.</summary>
public sealed class SecretHygieneTests
{
    [Fact]
    public async Task The_webhook_secret_never_appears_in_logs_or_responses()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.BuildServer.Script(ScriptedBuildServer.Running(), ScriptedBuildServer.Finished("FAILURE"));
        var responses = new List<string>();

        var started = await host.StartProvisionAsync("secret.example.com");
        responses.Add(started.Body);
        var id = (string)JsonNode.Parse(started.Body)!["provision_id"]!;
        responses.Add((await host.WaitForStatusAsync(id, "AwaitingApproval")).ToJsonString());
        responses.Add((await host.DeliverPullRequestClosedAsync(id, merged: true)).Body);
        responses.Add((await host.DeliverAsync("pull_request", "{}", Guid.NewGuid(), signatureOverride: "sha256=" + new string('1', 64))).Body);
        responses.Add((await host.WaitForStatusAsync(id, "Failed")).ToJsonString());

        var lines = host.LogLines();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, line => line.Contains(WorkflowHost.WebhookSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(responses, body => body.Contains(WorkflowHost.WebhookSecret, StringComparison.Ordinal));
    }
}
