using Provisioner.Api.Tests.Harness;
using Provisioner.Api.Tests.TestDoubles;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Api.Tests;

/// <summary>
/// GET status as the web UI reads it: <c>failure.evidence</c> with only the members that are known,
/// and the top-level <c>ingress</c> with its address and the live probe (on the real engine, doubles behind the activities).
/// </summary>
public sealed class FailureEvidenceAndIngressTests
{
    private const string BuildUrl = "https://jenkins.example/job/sites/job/x/7/";

    [Fact]
    public async Task A_failed_build_shows_its_url_result_and_console_tail_with_the_app_secrets_masked()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.BuildServer.Script(
            ScriptedBuildServer.Running(),
            new BuildProgress(BuildState.Finished, 7, BuildUrl, "FAILURE", "Build #7 finished: FAILURE.",
                ["[Pipeline] sh", "+ echo " + WorkflowHost.WebhookSecret, "ERROR: script returned exit code 1", "Finished: FAILURE"]));

        var failed = await host.MergeAndWaitForAsync("console.example.com", "Failed");

        var failure = failed["failure"]!;
        Assert.Equal("build", (string?)failure["step"]);
        Assert.StartsWith("Inspect the Jenkins console", (string?)failure["remedy"]);
        var evidence = failure["evidence"]!.AsObject();
        Assert.Equal(["build_url", "console_tail", "result"], evidence.Select(m => m.Key).Order());
        Assert.Equal(BuildUrl, (string?)evidence["build_url"]);
        Assert.Equal("FAILURE", (string?)evidence["result"]);
        Assert.Equal(["[Pipeline] sh", "+ echo ***", "ERROR: script returned exit code 1", "Finished: FAILURE"], evidence["console_tail"]!.AsArray().Select(l => (string)l!));
        Assert.DoesNotContain(WorkflowHost.WebhookSecret, failed.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(failed["ingress"]);
    }

    [Fact]
    public async Task A_failed_rollout_shows_the_pods_and_events_in_the_shape_the_UI_reads()
    {
        await using var host = await WorkflowHost.StartAsync();
        host.Cluster.Script(new RolloutStatus(RolloutState.Failed, "deployment \"x\" exceeded its progress deadline"));
        host.Cluster.Evidence = new RolloutEvidence(
            [new PodEvidence("x-7d9c5-x2x4k", "Running", "app", "CrashLoopBackOff", "back-off 40s restarting failed container; last terminated: OOMKilled (exit code 137)", 4)],
            [new EventEvidence("Pod/x-7d9c5-x2x4k", "BackOff", "Back-off restarting failed container app", 9, new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc))]);

        var failed = await host.MergeAndWaitForAsync("crash.example.com", "Failed");

        var evidence = failed["failure"]!["evidence"]!.AsObject();
        Assert.Equal(["events", "pods"], evidence.Select(m => m.Key).Order());
        var pod = Assert.Single(evidence["pods"]!.AsArray())!.AsObject();
        Assert.Equal(["container", "message", "name", "phase", "reason", "restart_count"], pod.Select(m => m.Key).Order());
        Assert.Equal(("x-7d9c5-x2x4k", "CrashLoopBackOff", 4), ((string?)pod["name"], (string?)pod["reason"], (int)pod["restart_count"]!));
        var warning = Assert.Single(evidence["events"]!.AsArray())!.AsObject();
        Assert.Equal(["count", "last_seen", "message", "object", "reason"], warning.Select(m => m.Key).Order());
        Assert.Equal(("Pod/x-7d9c5-x2x4k", "BackOff", 9, "2026-11-25T09:30:00Z"), ((string?)warning["object"], (string?)warning["reason"], (int)warning["count"]!, (string?)warning["last_seen"]));
        Assert.StartsWith("Inspect the pods and events", (string?)failed["failure"]!["remedy"]);
    }

    [Fact]
    public async Task A_completed_provision_shows_its_ingress_address_and_the_probe_that_found_the_site_answering()
    {
        await using var host = await WorkflowHost.StartAsync(Fast());
        host.Probe.Script(ScriptedLiveSiteProbe.Answered(503), ScriptedLiveSiteProbe.Answered(200));

        var done = await host.MergeAndWaitForAsync("live.example.com", "Completed");

        Assert.Equal("https://live.example.com/", (string?)done["links"]!["live_url"]);
        var ingress = done["ingress"]!.AsObject();
        Assert.Equal(["address", "name", "probe"], ingress.Select(m => m.Key).Order());
        Assert.Equal(("x", "203.0.113.10"), ((string?)ingress["name"], (string?)ingress["address"]));
        var probe = ingress["probe"]!.AsObject();
        Assert.Equal(["detail", "dns_resolves", "reachable", "status_code"], probe.Select(m => m.Key).Order());
        Assert.Equal((true, 200, false), ((bool)probe["reachable"]!, (int)probe["status_code"]!, (bool)probe["dns_resolves"]!));
        Assert.Equal(2, host.Probe.Requests.Count);
        Assert.All(host.Probe.Requests, r => Assert.Equal(new LiveProbeRequest("live.example.com", new IngressAddress("203.0.113.10"), Tls: true), r));
        Assert.Null(done["failure"]);
    }

    [Fact]
    public async Task A_site_that_never_answers_fails_at_Ingress_with_the_last_probe_and_no_live_url()
    {
        await using var host = await WorkflowHost.StartAsync(Fast());
        host.Probe.Script(ScriptedLiveSiteProbe.Answered(502));

        var failed = await host.MergeAndWaitForAsync("dark.example.com", "Failed");

        Assert.Equal("ingress", (string?)failed["failure"]!["step"]);
        Assert.StartsWith("https://dark.example.com/ did not answer through the ingress at 203.0.113.10 within 00:00:01", (string?)failed["failure"]!["cause"]);
        Assert.StartsWith("Check DNS (dark.example.com must resolve to 203.0.113.10), the TLS secret", (string?)failed["failure"]!["remedy"]);
        Assert.Null(failed["failure"]!["evidence"]);
        Assert.False((bool)failed["ingress"]!["probe"]!["reachable"]!);
        Assert.Null(failed["links"]!["live_url"]);
    }

    [Fact]
    public async Task LIVE_PROBE_TIMEOUT_0_completes_without_probing()
    {
        await using var host = await WorkflowHost.StartAsync(settings: new Dictionary<string, string?> { [SettingNames.LiveProbeTimeout] = "0" });

        var done = await host.MergeAndWaitForAsync("noprobe.example.com", "Completed");

        Assert.Empty(host.Probe.Requests);
        Assert.Null(done["ingress"]!["probe"]);
        Assert.EndsWith("the live probe is off (LIVE_PROBE_TIMEOUT=0).", (string?)done["timeline"]!.AsArray().Last()!["detail"]);
    }

    private static ProvisionTimings Fast() => WorkflowHost.FastTimings() with
    {
        IngressAddress = new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5)),
        LiveProbe = new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)),
    };
}
