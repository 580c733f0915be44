using System.Net;
using System.Text.Json.Nodes;
using k8s;
using Provisioner.Api.Tests.Harness;
using Provisioner.Api.Tests.Simulated;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Simulators.Kubernetes;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Api.Tests;

/// <summary>
/// The pipeline after the merge with the app's real Jenkins and Kubernetes integrations against
/// their simulators (GitHub stays the scripted double): a Jenkins build that deploys the pull
/// request's manifests, the rollout the cluster's controllers carry out, the Ingress, the ingress
/// controller's address and the live-URL probe through it — and each way that fails, as GET status shows it.
/// </summary>
public sealed class SimulatedDeliveryTests
{
    private const string Commit = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    // Builds, rollouts and probes take seconds here: room for a loaded machine.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_merge_goes_through_a_Jenkins_build_and_a_rollout_to_a_live_site_the_probe_reaches()
    {
        await using var delivery = await SimulatedDelivery.StartAsync();
        await using var host = await StartAsync(delivery);
        delivery.Dns["shop.example.com"] = [IPAddress.Loopback];

        var done = await host.MergeAndWaitForAsync("shop.example.com", "Completed", Patience);

        Assert.Equal("http://shop.example.com/", (string?)done["links"]!["live_url"]);
        Assert.Equal(new Uri(delivery.Jenkins.BaseUrl, "job/provisioned-sites/job/shop-example-com/1/").ToString(), (string?)done["links"]!["build_url"]);
        Assert.All(done["timeline"]!.AsArray(), step => Assert.Equal("Succeeded", (string?)step!["outcome"]));
        Assert.Equal("deployment \"shop-example-com\" successfully rolled out", (string?)Step(done, "rollout")["detail"]);
        var ingress = done["ingress"]!;
        Assert.Equal("shop-example-com", (string?)ingress["name"]);
        Assert.Equal($"127.0.0.1:{delivery.Ingress.Port}", (string?)ingress["address"]);
        Assert.Equal((true, 200, true), ((bool)ingress["probe"]!["reachable"]!, (int)ingress["probe"]!["status_code"]!, (bool)ingress["probe"]!["dns_resolves"]!));
        Assert.Equal($"GET http://shop.example.com/ through 127.0.0.1:{delivery.Ingress.Port} answered 200 OK.", (string?)ingress["probe"]!["detail"]);
        Assert.Null(done["failure"]);

        // One build, of the merge commit, which deployed the image it built; the rollout was followed over several looks.
        Assert.Single(delivery.Jenkins.Log.Entries, r => r.Method == "POST" && r.Path.EndsWith("/buildWithParameters", StringComparison.Ordinal));
        var deployment = await delivery.Cluster.AppsV1.ReadNamespacedDeploymentAsync("shop-example-com", SimulatedDelivery.Namespace);
        Assert.Equal($"registry.example.com/sites/shop-example-com:{Commit[..12]}-1", deployment.Spec.Template.Spec.Containers.Single().Image);
        var rolloutLooks = delivery.Kubernetes.Log.Entries.Count(r => r.Method == "GET" && r.Path == "/apis/apps/v1/namespaces/sites/deployments/shop-example-com");
        Assert.True(rolloutLooks >= 3, $"the rollout was looked at {rolloutLooks} times");
        Assert.Contains("shop.example.com", delivery.Ingress.Hosts);

        // kubectl agrees: the same words for the rollout, the same address for the Ingress.
        var rollout = await delivery.Kubectl.RunAsync("-n", "sites", "rollout", "status", "deployment/shop-example-com", "--timeout=10s");
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.Contains("deployment \"shop-example-com\" successfully rolled out", rollout.Output);
        var address = await delivery.Kubectl.RunAsync("-n", "sites", "get", "ingress", "shop-example-com", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}:{.status.loadBalancer.ingress[0].ports[0].port}");
        Assert.Equal((string?)ingress["address"], address.Output);
    }

    [Fact]
    public async Task A_FAILURE_build_fails_at_Build_with_the_console_tail_and_the_build_url_and_no_secret()
    {
        await using var delivery = await SimulatedDelivery.StartAsync();
        delivery.Jenkins.Options.Scripts.ForParameter("DOMAIN", "broken.example.com", new BuildScript
        {
            Duration = TimeSpan.FromMilliseconds(500),
            Result = BuildResult.Failure,
            ConsoleLines =
            [
                "[Pipeline] stage (Build image)",
                "+ curl -fsS -u provisioner:" + SimulatedDelivery.JenkinsToken + " https://jenkins.example/whoAmI/",
                "ERROR: failed to solve: nginx:1.27-alpine: not found",
                "ERROR: script returned exit code 1",
            ],
        });
        await using var host = await StartAsync(delivery);

        var failed = await host.MergeAndWaitForAsync("broken.example.com", "Failed", Patience);

        var failure = failed["failure"]!;
        var buildUrl = new Uri(delivery.Jenkins.BaseUrl, "job/provisioned-sites/job/broken-example-com/1/").ToString();
        Assert.Equal("build", (string?)failure["step"]);
        Assert.Equal("The build #1 finished FAILURE.", (string?)failure["cause"]);
        Assert.StartsWith("Inspect the Jenkins console", (string?)failure["remedy"]);
        Assert.Equal(buildUrl, (string?)failure["evidence"]!["build_url"]);
        Assert.Equal(buildUrl, (string?)failed["links"]!["build_url"]);
        Assert.Equal("FAILURE", (string?)failure["evidence"]!["result"]);
        var console = failure["evidence"]!["console_tail"]!.AsArray().Select(l => (string)l!).ToList();
        Assert.Contains("ERROR: failed to solve: nginx:1.27-alpine: not found", console);
        Assert.Contains("+ curl -fsS -u provisioner:*** https://jenkins.example/whoAmI/", console);
        Assert.Equal("Finished: FAILURE", console[^1]);
        Assert.DoesNotContain(SimulatedDelivery.JenkinsToken, failed.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await delivery.Cluster.AppsV1.ListNamespacedDeploymentAsync(SimulatedDelivery.Namespace)).Items);
    }

    [Fact]
    public async Task A_missing_image_fails_at_Rollout_with_ImagePullBackOff_and_the_kubelet_warnings()
    {
        await using var delivery = await SimulatedDelivery.StartAsync();
        delivery.Kubernetes.Options.Images["registry.example.com/sites/missing-example-com"] = ImageBehavior.Missing;
        await using var host = await StartAsync(delivery);

        var failed = await host.MergeAndWaitForAsync("missing.example.com", "Failed", Patience);

        var failure = failed["failure"]!;
        Assert.Equal("rollout", (string?)failure["step"]);
        Assert.StartsWith("The rollout failed: deployment \"missing-example-com\" exceeded its progress deadline", (string?)failure["cause"]);
        Assert.StartsWith("Inspect the pods and events", (string?)failure["remedy"]);
        var evidence = failure["evidence"]!;
        Assert.Null(evidence["console_tail"]);
        var pods = evidence["pods"]!.AsArray();
        Assert.Equal(2, pods.Count);
        var image = $"registry.example.com/sites/missing-example-com:{Commit[..12]}-1";
        Assert.All(pods, pod =>
        {
            Assert.StartsWith("missing-example-com-", (string?)pod!["name"]);
            Assert.Equal(("Pending", "app"), ((string?)pod["phase"], (string?)pod["container"]));
            // The kubelet alternates between the two while it retries the pull, as a real one does.
            Assert.Contains((string?)pod["reason"], new[] { "ImagePullBackOff", "ErrImagePull" });
            Assert.Contains(image, (string?)pod["message"]);
        });
        var events = evidence["events"]!.AsArray();
        Assert.Contains(events, e => (string?)e!["reason"] == "Failed" && ((string?)e["message"])!.StartsWith($"Failed to pull image \"{image}\"", StringComparison.Ordinal));
        Assert.Contains(events, e => (string?)e!["reason"] == "Failed" && (string?)e["message"] == "Error: ImagePullBackOff");
        Assert.All(events, e =>
        {
            Assert.StartsWith("Pod/missing-example-com-", (string?)e!["object"]);
            Assert.True((int)e["count"]! >= 1);
            Assert.EndsWith("Z", (string?)e["last_seen"]);
        });
        Assert.Empty((await delivery.Cluster.NetworkingV1.ListNamespacedIngressAsync(SimulatedDelivery.Namespace)).Items);

        // kubectl agrees, and the remedy's command shows the same warnings.
        var rollout = await delivery.Kubectl.RunAsync("-n", "sites", "rollout", "status", "deployment/missing-example-com", "--timeout=10s");
        Assert.Equal(1, rollout.ExitCode);
        Assert.Contains("deployment \"missing-example-com\" exceeded its progress deadline", rollout.Error);
        var warnings = await delivery.Kubectl.RunAsync("-n", "sites", "get", "events", "--field-selector", "type=Warning");
        Assert.Contains("Error: ImagePullBackOff", warnings.Output);
    }

    [Fact]
    public async Task A_site_the_ingress_controller_cannot_reach_fails_at_Ingress_with_the_runbook_remedy()
    {
        await using var delivery = await SimulatedDelivery.StartAsync();
        delivery.Ingress.FailingUpstreams["dark.example.com"] = true;
        await using var host = await StartAsync(delivery);

        var failed = await host.MergeAndWaitForAsync("dark.example.com", "Failed", Patience);

        var failure = failed["failure"]!;
        var endpoint = $"127.0.0.1:{delivery.Ingress.Port}";
        Assert.Equal("ingress", (string?)failure["step"]);
        Assert.Equal($"http://dark.example.com/ did not answer through the ingress at {endpoint} within 00:00:03: GET http://dark.example.com/ through {endpoint} answered 502 Bad Gateway.", (string?)failure["cause"]);
        Assert.StartsWith("Check DNS (dark.example.com must resolve to 127.0.0.1), the TLS secret", (string?)failure["remedy"]);
        Assert.Contains("the ingress controller's logs", (string?)failure["remedy"]);
        var probe = failed["ingress"]!["probe"]!;
        Assert.Equal((false, 502, false), ((bool)probe["reachable"]!, (int)probe["status_code"]!, (bool)probe["dns_resolves"]!));
        Assert.Equal(endpoint, (string?)failed["ingress"]!["address"]);
        Assert.Null(failed["links"]!["live_url"]);
        Assert.True(delivery.Ingress.Hosts.Count(h => h == "dark.example.com") >= 2, "the probe tried more than once");
    }

    [Fact]
    public async Task A_build_slower_than_the_deadline_fails_at_Build_saying_it_did_not_finish()
    {
        await using var delivery = await SimulatedDelivery.StartAsync();
        delivery.Jenkins.Options.Scripts.ForParameter("DOMAIN", "slow.example.com", new BuildScript { Duration = TimeSpan.FromMinutes(10) });
        await using var host = await StartAsync(delivery, Timings() with { Build = new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3)) });

        var failed = await host.MergeAndWaitForAsync("slow.example.com", "Failed", Patience);

        var failure = failed["failure"]!;
        var buildUrl = new Uri(delivery.Jenkins.BaseUrl, "job/provisioned-sites/job/slow-example-com/1/").ToString();
        Assert.Equal("build", (string?)failure["step"]);
        Assert.Equal("The build did not finish within 00:00:03 (last seen: #1 running).", (string?)failure["cause"]);
        Assert.Contains("raise BUILD_TIMEOUT", (string?)failure["remedy"]);
        Assert.Equal(buildUrl, (string?)failure["evidence"]!["build_url"]);
        Assert.Null(failure["evidence"]!["result"]);
        Assert.Empty((await delivery.Cluster.AppsV1.ListNamespacedDeploymentAsync(SimulatedDelivery.Namespace)).Items);
    }

    private static ProvisionTimings Timings() => WorkflowHost.FastTimings() with
    {
        Build = new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(30)),
        Rollout = new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(30)),
        IngressAddress = new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10)),
        LiveProbe = new PollSchedule(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3)),
    };

    private static async Task<WorkflowHost> StartAsync(SimulatedDelivery delivery, ProvisionTimings? timings = null)
    {
        var host = await WorkflowHost.StartAsync(timings ?? Timings(), delivery.Settings, delivery.Register);
        delivery.ReadPullRequestsFrom(host.SourceControl);
        return host;
    }


    private static JsonNode Step(JsonNode provision, string name) =>
        provision["timeline"]!.AsArray().Single(s => (string?)s!["name"] == name)!;
}
