using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Tests.Harness;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Api.Tests;

/// <summary>
/// What the durable engine enforces for the workflow, through the API, on both backends (Azure Storage
/// on a private Azurite): one provision per domain, one merge event per webhook delivery, cancel
/// before the start and while waiting, the approval timeout, the provision as a sub-orchestration
/// of its domain's lock, and its status readable while it runs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EngineGuaranteeTests(AzuriteFixture azurite)
{
    public static TheoryData<Backend> Backends => AzuriteFixture.Backends;

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Twenty_simultaneous_requests_for_one_domain_get_one_202_and_nineteen_409s_naming_the_provision(Backend backend)
    {
        await using var host = await StartAsync(backend);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.StartProvisionAsync("twenty.example.com"))));

        var accepted = Assert.Single(responses, r => r.StatusCode == 202);
        var id = (string)JsonNode.Parse(accepted.Body)!["provision_id"]!;
        var refused = responses.Where(r => r != accepted).ToList();
        Assert.Equal(19, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(409, r.StatusCode);
            var problem = JsonNode.Parse(r.Body)!;
            Assert.Equal(id, (string?)problem["provision_id"]);
            Assert.Contains("twenty.example.com", (string?)problem["detail"]);
        });
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        Assert.Single(host.SourceControl.Requests);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_delivery_sent_five_times_at_once_raises_the_merge_once(Backend backend)
    {
        await using var host = await StartAsync(backend);
        var id = await host.StartAcceptedAsync("redelivered.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        var delivery = Guid.NewGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => host.DeliverPullRequestClosedAsync(id, merged: true, delivery))));

        Assert.Single(responses, r => r.StatusCode == 202);
        Assert.All(responses.Where(r => r.StatusCode != 202), r =>
        {
            Assert.Equal(200, r.StatusCode);
            Assert.Contains("duplicate", r.Body, StringComparison.Ordinal);
        });
        await host.WaitForStatusAsync(id, "Completed");
        var deliveries = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-delivery:" }).ToListAsync();
        Assert.Single(deliveries);
        Assert.Single(host.BuildServer.Triggered);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_cancel_sent_with_the_202_ends_the_provision_Cancelled_whether_or_not_it_had_started(Backend backend)
    {
        await using var host = await StartAsync(backend);

        var id = await host.StartAcceptedAsync("hasty.example.com");
        var cancelled = await host.CancelProvisionAsync(id);

        Assert.Equal(202, cancelled.StatusCode);
        await host.WaitForStatusAsync(id, "Cancelled");
        await host.WaitForLockReleaseAsync("hasty.example.com");
        Assert.All(host.SourceControl.Requests, request =>
            Assert.Contains(host.SourceControl.Closed, closed => closed.Reason.Contains(request.ProvisionId, StringComparison.Ordinal)));
        Assert.Equal(0, host.BuildServer.EnsureCalls);
        Assert.Equal(202, (await host.StartProvisionAsync("hasty.example.com")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_cancel_while_waiting_for_approval_closes_the_pull_request_and_frees_the_domain(Backend backend)
    {
        await using var host = await StartAsync(backend);
        var id = await host.StartAcceptedAsync("waiting.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        Assert.Equal(202, (await host.CancelProvisionAsync(id)).StatusCode);

        var view = await host.WaitForStatusAsync(id, "Cancelled");
        Assert.Equal("approval", (string?)view["timeline"]!.AsArray().Last()!["name"]);
        Assert.Contains(id, Assert.Single(host.SourceControl.Closed).Reason, StringComparison.Ordinal);
        await host.WaitForLockReleaseAsync("waiting.example.com");
        Assert.Equal(202, (await host.StartProvisionAsync("waiting.example.com")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_pull_request_nobody_merges_expires_on_its_durable_timer(Backend backend)
    {
        await using var host = await StartAsync(backend, WorkflowHost.FastTimings(approvalTimeout: TimeSpan.FromSeconds(2)));
        var id = await host.StartAcceptedAsync("expiring.example.com");

        var expired = await host.WaitForStatusAsync(id, "ApprovalExpired", TimeSpan.FromSeconds(30));

        Assert.Equal("Expired", (string?)expired["timeline"]!.AsArray().Last()!["outcome"]);
        Assert.Single(host.SourceControl.Closed);
        Assert.Equal(0, host.BuildServer.EnsureCalls);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_provision_runs_as_a_sub_orchestration_of_its_domains_lock_with_its_status_readable_while_it_runs(Backend backend)
    {
        await using var host = await StartAsync(backend);
        var id = await host.StartAcceptedAsync("nested.example.com");

        var awaiting = await host.WaitForStatusAsync(id, "AwaitingApproval");
        var provision = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var domainLock = await host.Client.GetInstanceAsync(DomainLock.InstanceIdFor("nested.example.com"), getInputsAndOutputs: true);

        Assert.Equal("pull_request", (string?)awaiting["timeline"]!.AsArray()[0]!["name"]);
        Assert.Equal((ProvisionOrchestrator.Name, OrchestrationRuntimeStatus.Running), (provision!.Name, provision.RuntimeStatus));
        Assert.Equal((int)ProvisionStatus.AwaitingApproval, (int?)JsonNode.Parse(provision.SerializedCustomStatus!)!["Status"]);
        Assert.Equal((DomainLockOrchestrator.Name, OrchestrationRuntimeStatus.Running), (domainLock!.Name, domainLock.RuntimeStatus));
        Assert.Equal(id, domainLock.ReadInputAs<ProvisionInput>()!.ProvisionId);

        await host.DeliverPullRequestClosedAsync(id, merged: true);
        await host.WaitForStatusAsync(id, "Completed");

        // The lock ends with what its sub-orchestration returned.
        var released = await host.Client.WaitForInstanceCompletionAsync(domainLock.InstanceId, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, released.RuntimeStatus);
        Assert.Equal(id, JsonNode.Parse(released.SerializedOutput!)!["ProvisionId"]?.GetValue<string>());
    }

    private Task<WorkflowHost> StartAsync(Backend backend, ProvisionTimings? timings = null) =>
        WorkflowHost.StartAsync(timings, azurite.EngineSettings(backend));
}
