using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Tests.Harness;
using Provisioner.Api.Tests.TestDoubles;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Api.Tests;

/// <summary>The whole pipeline on the real durable engine (in-process), driven through the API and the webhook.</summary>
public sealed class ProvisionWorkflowTests
{
    [Fact]
    public async Task Webhook_merge_carries_the_provision_from_pull_request_to_live_url()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.BuildServer.Script(ScriptedBuildServer.Queued(), ScriptedBuildServer.Running(), ScriptedBuildServer.Finished("SUCCESS"));
        host.Cluster.Script(new RolloutStatus(RolloutState.NotFound, "deployment not found"),
            new RolloutStatus(RolloutState.Progressing, "1 of 2 updated replicas are available"),
            new RolloutStatus(RolloutState.Complete, "deployment \"shop-example-com\" successfully rolled out"));

        var started = await host.StartProvisionAsync(" Shop.Example.COM ");
        Assert.Equal(202, started.StatusCode);
        var body = JsonNode.Parse(started.Body)!;
        var id = (string)body["provision_id"]!;
        Assert.Equal("shop.example.com", (string?)body["domain"]);
        Assert.Equal($"http://provisioner.test/api/provisions/{id}", started.Headers["Location"]);
        Assert.EndsWith(id, (string?)body["durable"]!["statusQueryGetUri"]);

        var awaiting = await host.WaitForStatusAsync(id, "AwaitingApproval");
        Assert.StartsWith("https://github.example/sites/pull/42", (string?)awaiting["links"]!["pr_url"]);
        Assert.Equal("rest", (string?)awaiting["pull_request_opened_via"]);

        var delivered = await host.DeliverPullRequestClosedAsync(id, merged: true);
        Assert.Equal(202, delivered.StatusCode);

        var done = await host.WaitForStatusAsync(id, "Completed");
        Assert.Equal("https://shop.example.com/", (string?)done["links"]!["live_url"]);
        Assert.Equal("https://jenkins.example/job/sites/job/x/7/", (string?)done["links"]!["build_url"]);
        var timeline = done["timeline"]!.AsArray();
        Assert.Equal(["pull_request", "approval", "build", "rollout", "ingress"], timeline.Select(s => (string)s!["name"]!));
        Assert.All(timeline, s =>
        {
            Assert.Equal("Succeeded", (string?)s!["outcome"]);
            Assert.True(DateTime.Parse((string)s["ended_at"]!).ToUniversalTime() >= DateTime.Parse((string)s["started_at"]!).ToUniversalTime());
        });
        Assert.Null(done["links"]!["cancel"]);

        // The build got the merge commit and the template's parameters; the PR got the rendered files.
        var parameters = Assert.Single(host.BuildServer.Triggered);
        Assert.Equal("6dcb09b5b57875f334f61aebed695e2e4193db5e", parameters["GIT_COMMIT"]);
        Assert.Equal("shop-example-com", parameters["APP_NAME"]);
        var pullRequest = Assert.Single(host.SourceControl.Requests);
        Assert.Equal("shop.example.com", pullRequest.Domain);
        Assert.Contains(pullRequest.Files, f => f.Path == "sites/shop.example.com/k8s/deployment.yaml");
        Assert.Equal("host: shop.example.com", Assert.Single(host.Cluster.AppliedManifests));
    }

    [Fact]
    public async Task Closing_the_pull_request_without_merging_rejects_the_provision()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAcceptedAsync("reject.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        await host.DeliverPullRequestClosedAsync(id, merged: false);

        var rejected = await host.WaitForStatusAsync(id, "Rejected");
        var approval = rejected["timeline"]!.AsArray().Last()!;
        Assert.Equal("Rejected", (string?)approval["outcome"]);
        Assert.Contains("closed without merging", (string?)approval["detail"]);
        Assert.Empty(host.BuildServer.Triggered);
        Assert.Equal(0, host.BuildServer.EnsureCalls);
    }

    [Fact]
    public async Task A_pull_request_nobody_merges_expires_after_the_configured_timeout()
    {
        await using var host = await WorkflowHost.StartAsync(WorkflowHost.FastTimings(approvalTimeout: TimeSpan.FromSeconds(2)));
        var id = await host.StartAcceptedAsync("expire.example.com");

        var expired = await host.WaitForStatusAsync(id, "ApprovalExpired", TimeSpan.FromSeconds(30));
        Assert.Equal("Expired", (string?)expired["timeline"]!.AsArray().Last()!["outcome"]);
        Assert.EndsWith("The pull request was closed.", (string?)expired["timeline"]!.AsArray().Last()!["detail"]);
        Assert.Equal(42, Assert.Single(host.SourceControl.Closed).Number);
        Assert.Equal(0, host.BuildServer.EnsureCalls);

        // A merge after expiry finds nobody waiting: acknowledged, ignored, nothing built.
        var late = await host.DeliverPullRequestClosedAsync(id, merged: true);
        Assert.Equal(200, late.StatusCode);
        Assert.Contains("ignored", late.Body);
    }

    [Fact]
    public async Task A_second_request_for_a_running_domain_gets_409_with_the_running_provision()
    {
        await using var host = await WorkflowHost.StartAsync();
        var first = await host.StartAcceptedAsync("busy.example.com");

        var second = await host.StartProvisionAsync("BUSY.example.com");

        Assert.Equal(409, second.StatusCode);
        Assert.Equal("application/problem+json", second.ContentType);
        Assert.Equal(first, (string?)JsonNode.Parse(second.Body)!["provision_id"]);
        await host.WaitForStatusAsync(first, "AwaitingApproval");
        Assert.Single(host.SourceControl.Requests);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_domain_start_exactly_one_provision()
    {
        await using var host = await WorkflowHost.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.StartProvisionAsync("race.example.com")));

        var accepted = Assert.Single(responses, r => r.StatusCode == 202);
        var id = (string)JsonNode.Parse(accepted.Body)!["provision_id"]!;
        Assert.All(responses.Where(r => r != accepted), r =>
        {
            Assert.Equal(409, r.StatusCode);
            Assert.Equal(id, (string?)JsonNode.Parse(r.Body)!["provision_id"]);
        });
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        Assert.Single(host.SourceControl.Requests);
    }

    [Fact]
    public async Task After_a_terminal_state_the_domain_starts_a_new_run_and_the_old_one_stays_readable()
    {
        await using var host = await WorkflowHost.StartAsync();
        var first = await host.StartAcceptedAsync("again.example.com");
        await host.WaitForStatusAsync(first, "AwaitingApproval");
        await host.DeliverPullRequestClosedAsync(first, merged: false);
        await host.WaitForStatusAsync(first, "Rejected");
        await host.WaitForLockReleaseAsync("again.example.com");

        var second = await host.StartAcceptedAsync("again.example.com");

        Assert.NotEqual(first, second);
        await host.WaitForStatusAsync(second, "AwaitingApproval");
        var old = JsonNode.Parse((await host.GetProvisionAsync(first)).Body)!;
        Assert.Equal("Rejected", (string?)old["status"]);
    }

    [Fact]
    public async Task Cancel_terminates_a_running_provision_and_frees_its_domain()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAcceptedAsync("cancel.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        var cancelled = await host.CancelProvisionAsync(id);

        Assert.Equal(202, cancelled.StatusCode);
        var view = await host.WaitForStatusAsync(id, "Cancelled");
        Assert.Equal("Cancelled", (string?)view["timeline"]!.AsArray().Last()!["outcome"]);
        Assert.Contains(id, Assert.Single(host.SourceControl.Closed).Reason);
        Assert.Equal(409, (await host.CancelProvisionAsync(id)).StatusCode);
        await host.WaitForLockReleaseAsync("cancel.example.com");
        Assert.Equal(202, (await host.StartProvisionAsync("cancel.example.com")).StatusCode);

        // A merge of the cancelled provision's PR is ignored.
        var late = await host.DeliverPullRequestClosedAsync(id, merged: true);
        Assert.Contains("ignored", late.Body);
    }

    [Fact]
    public async Task Cancel_right_after_the_202_cancels_the_provision_whether_or_not_it_has_started()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAcceptedAsync("hasty.example.com");

        var cancelled = await host.CancelProvisionAsync(id);

        Assert.Equal(202, cancelled.StatusCode);
        await host.WaitForStatusAsync(id, "Cancelled");
        await host.WaitForLockReleaseAsync("hasty.example.com");
        Assert.Equal(202, (await host.StartProvisionAsync("hasty.example.com")).StatusCode);
    }

    [Fact]
    public async Task A_redelivered_merge_raises_the_event_once()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAcceptedAsync("redeliver.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");
        var delivery = Guid.NewGuid();

        var first = await host.DeliverPullRequestClosedAsync(id, merged: true, delivery);
        var again = await host.DeliverPullRequestClosedAsync(id, merged: true, delivery);

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(200, again.StatusCode);
        Assert.Contains("duplicate", again.Body);
        var deliveries = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-delivery:" }).ToListAsync();
        Assert.Single(deliveries);
        await host.WaitForStatusAsync(id, "Completed");
        Assert.Single(host.BuildServer.Triggered);
    }

    [Fact]
    public async Task A_merge_event_GitHub_does_not_confirm_is_not_approval_and_a_merge_whose_webhook_was_lost_still_is()
    {
        await using var host = await WorkflowHost.StartAsync();
        var id = await host.StartAcceptedAsync("gate.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        // A signed "merged" event (a stray delivery, a fork's branch of the same name, or a hand-raised event) while the PR is still open.
        var forged = await host.DeliverClosedEventAsync(id, merged: true);
        Assert.Equal(202, forged.StatusCode);
        var looks = host.SourceControl.StatusLooks;
        await Eventually.WaitAsync("three more looks at the pull request", () => host.SourceControl.StatusLooks >= looks + 3);

        Assert.Equal("AwaitingApproval", (string?)JsonNode.Parse((await host.GetProvisionAsync(id)).Body)!["status"]);
        Assert.Equal(0, host.BuildServer.EnsureCalls);

        // The real merge happens on GitHub, but its webhook never arrives: the periodic look finds it.
        host.SourceControl.Merge();

        await host.WaitForStatusAsync(id, "Completed");
        Assert.Single(host.BuildServer.Triggered);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_durable_timers_until_the_step_succeeds()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.SourceControl.FailNext(2, () => new TransientIntegrationException("GitHub answered 502 Bad Gateway."));

        var id = await host.StartAcceptedAsync("flaky.example.com");

        await host.WaitForStatusAsync(id, "AwaitingApproval");
        Assert.Equal(3, host.SourceControl.Calls);
    }

    [Fact]
    public async Task Exhausted_retries_fail_the_step_with_cause_and_remedy()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.SourceControl.FailNext(10, () => new TransientIntegrationException("GitHub answered 502 Bad Gateway."));

        var id = await host.StartAcceptedAsync("down.example.com");

        var failed = await host.WaitForStatusAsync(id, "Failed");
        Assert.Equal(3, host.SourceControl.Calls);
        Assert.Equal("pull_request", (string?)failed["failure"]!["step"]);
        Assert.Equal("GitHub answered 502 Bad Gateway. (gave up after 3 attempts)", (string?)failed["failure"]!["cause"]);
        Assert.Contains("token", (string?)failed["failure"]!["remedy"]);
    }

    [Fact]
    public async Task Permanent_failures_are_not_retried()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.SourceControl.FailNext(1, () => new IntegrationNotConfiguredException("GitHub", "GITHUB_TOKEN"));

        var id = await host.StartAcceptedAsync("unconfigured.example.com");

        var failed = await host.WaitForStatusAsync(id, "Failed");
        Assert.Equal(1, host.SourceControl.Calls);
        Assert.Equal("GitHub is not configured: set GITHUB_TOKEN.", (string?)failed["failure"]!["cause"]);
    }

    [Fact]
    public async Task A_failed_build_fails_the_provision_at_the_build_step()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.BuildServer.Script(ScriptedBuildServer.Running(), ScriptedBuildServer.Finished("FAILURE"));
        var id = await host.StartAcceptedAsync("broken.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        await host.DeliverPullRequestClosedAsync(id, merged: true);

        var failed = await host.WaitForStatusAsync(id, "Failed");
        Assert.Equal("build", (string?)failed["failure"]!["step"]);
        Assert.Equal("The build #7 finished FAILURE.", (string?)failed["failure"]!["cause"]);
        Assert.Equal("https://jenkins.example/job/sites/job/x/7/", (string?)failed["links"]!["build_url"]);
        Assert.Empty(host.Cluster.AppliedManifests);
    }

    [Fact]
    public async Task A_rollout_past_its_progress_deadline_fails_the_provision_at_the_rollout_step()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.Cluster.Script(new RolloutStatus(RolloutState.Failed, "deployment \"x\" exceeded its progress deadline"));
        var id = await host.StartAcceptedAsync("stuck.example.com");
        await host.WaitForStatusAsync(id, "AwaitingApproval");

        await host.DeliverPullRequestClosedAsync(id, merged: true);

        var failed = await host.WaitForStatusAsync(id, "Failed");
        Assert.Equal("rollout", (string?)failed["failure"]!["step"]);
        Assert.Contains("progress deadline", (string?)failed["failure"]!["cause"]);
        Assert.Contains("kubectl -n sites rollout undo deployment/stuck-example-com", (string?)failed["failure"]!["remedy"]);
        Assert.Empty(host.Cluster.AppliedManifests);
    }

    [Fact]
    public async Task Unknown_and_malformed_provision_ids_are_404_problems()
    {
        await using var host = await WorkflowHost.StartAsync();

        foreach (var id in new[] { "prv-" + new string('a', 32), "domain:shop.example.com", "../etc" })
        {
            var response = await host.GetProvisionAsync(id);
            Assert.Equal(404, response.StatusCode);
            Assert.Equal("application/problem+json", response.ContentType);
            Assert.Equal(404, (int?)JsonNode.Parse(response.Body)!["status"]);
        }
    }
}
