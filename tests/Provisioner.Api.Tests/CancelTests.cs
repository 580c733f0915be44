using System.Text.Json.Nodes;
using Provisioner.Api.Tests.Harness;
using Provisioner.Api.Tests.TestDoubles;

namespace Provisioner.Api.Tests;

/// <summary>Cancel is an event the orchestration handles at any step; whatever ends a provision, its pull request ends closed.</summary>
public sealed class CancelTests
{
    [Fact]
    public async Task Cancel_answers_202_at_once_with_the_provisions_url_and_the_provision_then_ends_Cancelled()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAcceptedAsync("prompt.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        var cancelled = await host.CancelProvisionAsync(id);

        Assert.Equal(202, cancelled.StatusCode);
        Assert.Equal($"http://provisioner.test/api/provisions/{id}", cancelled.Headers["Location"]);
        Assert.Equal(id, (string?)JsonNode.Parse(cancelled.Body)!["provision_id"]);
        var view = await host.WaitForStatusAsync(id, "Cancelled");
        var approval = view["timeline"]!.AsArray().Last()!;
        Assert.Equal("approval", (string?)approval["name"]);
        Assert.EndsWith("The pull request was closed.", (string?)approval["detail"]);
    }

    [Fact]
    public async Task Cancel_right_after_the_202_never_leaves_a_pull_request_open()
    {
        await using var host = await WorkflowHost.StartAsync();
        var ids = new List<string>();
        foreach (var domain in Enumerable.Range(0, 6).Select(i => $"hasty-{i}.example.com"))
        {
            var id = await host.StartAcceptedAsync(domain);
            Assert.Equal(202, (await host.CancelProvisionAsync(id)).StatusCode);
            ids.Add(id);
        }

        foreach (var id in ids)
        {
            await host.WaitForStatusAsync(id, "Cancelled");
        }

        foreach (var domain in Enumerable.Range(0, 6).Select(i => $"hasty-{i}.example.com"))
        {
            await host.WaitForLockReleaseAsync(domain);
        }

        // A provision that got as far as opening its pull request closed it.
        Assert.All(host.SourceControl.Requests.Select(r => r.ProvisionId), id =>
            Assert.Contains(host.SourceControl.Closed, closed => closed.Reason.Contains(id, StringComparison.Ordinal)));
        Assert.Equal(0, host.BuildServer.EnsureCalls);
    }

    [Fact]
    public async Task Terminating_a_provision_through_the_Durable_API_closes_its_pull_request_and_frees_the_domain()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAcceptedAsync("terminated.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        await host.Client.TerminateInstanceAsync(id, "Stopped by an operator.");

        var view = await host.WaitForStatusAsync(id, "Cancelled");
        Assert.Equal("Cancelled", (string?)view["timeline"]!.AsArray().Last()!["outcome"]);
        await host.WaitForLockReleaseAsync("terminated.example.com");
        var closed = Assert.Single(host.SourceControl.Closed);
        Assert.Equal(42, closed.Number);
        Assert.Contains(id, closed.Reason);
        Assert.Equal(202, (await host.StartProvisionAsync("terminated.example.com")).StatusCode);
    }

    [Fact]
    public async Task A_cancel_during_the_build_ends_the_provision_at_the_build_step_and_leaves_the_merged_pull_request_alone()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.BuildServer.Script(ScriptedBuildServer.Running());
        var id = await host.StartAcceptedAsync("building.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        await host.DeliverPullRequestClosedAsync(id, merged: true);
        await host.WaitForStatusAsync(id, "Building");

        Assert.Equal(202, (await host.CancelProvisionAsync(id)).StatusCode);

        var view = await host.WaitForStatusAsync(id, "Cancelled");
        var build = view["timeline"]!.AsArray().Last()!;
        Assert.Equal("build", (string?)build["name"]);
        Assert.Equal("Cancelled", (string?)build["outcome"]);
        Assert.Empty(host.SourceControl.Closed);
        Assert.Empty(host.Cluster.AppliedManifests);
    }
}
