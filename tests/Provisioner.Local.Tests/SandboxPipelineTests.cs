using System.Net;
using System.Text.Json.Nodes;
using Provisioner.Local.Tests.Support;

namespace Provisioner.Local.Tests;

/// <summary>
/// The whole pipeline on one machine over real HTTP, at the sandbox's own pace: a provision's pull
/// request merged as the DevOps team through GitHub's real merge endpoint, the Jenkins build that
/// checks the merge commit out and applies the site, the rollout, the Ingress, and the live site
/// answering through the ingress controller; the scripted failures ending where they should.
/// </summary>
public sealed class SandboxPipelineTests : RunnerTestBase
{
    [Fact]
    public async Task A_merged_provision_is_built_rolled_out_routed_and_its_live_site_serves_the_rendered_page()
    {
        var id = await Http.StartProvisionAsync("e2e.example.com", "frontend", "static-site");
        await Http.WaitForStatusAsync(id, "AwaitingApproval");
        var pullRequest = await Reviewer.GetPullRequestAsync(PullRequestOf(id).Number);
        Assert.Equal("devops", (string?)pullRequest["requested_teams"]![0]!["slug"]);
        Assert.True((bool?)pullRequest["mergeable"]);

        var mergeCommit = await MergeAsync(id);
        var done = await Http.WaitForEndAsync(id);

        Assert.True((string?)done["status"] == "Completed", done.ToJsonString());
        Assert.All(done["timeline"]!.AsArray(), step => Assert.Equal("Succeeded", (string?)step!["outcome"]));
        Assert.Equal(["pull_request", "approval", "build", "rollout", "ingress"], done["timeline"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Equal("Merged by devops-reviewer.", (string?)Step(done, "approval")["detail"]);
        Assert.Equal("http://e2e.example.com/", (string?)done["links"]!["live_url"]);
        Assert.StartsWith(Sandbox.Jenkins!.Url + "job/provisioned-sites/job/e2e-example-com/1/", (string?)done["links"]!["build_url"], StringComparison.Ordinal);
        Assert.Equal([$"registry.example.com/sites/e2e-example-com:{mergeCommit[..12]}-1"], Sandbox.PushedImages);
        Assert.Equal(202, Assert.Single(GitHub.WebhookDeliveries).StatusCode);
        var ingress = done["ingress"]!;
        Assert.Equal("e2e-example-com", (string?)ingress["name"]);
        Assert.Equal($"127.0.0.1:{Sandbox.Ingress!.Port}", (string?)ingress["address"]);
        Assert.True((bool?)ingress["probe"]!["reachable"]);
        Assert.Equal(200, (int?)ingress["probe"]!["status_code"]);
        Assert.False((bool?)ingress["probe"]!["dns_resolves"]);

        using var site = await GetSiteAsync("e2e.example.com");
        Assert.Equal(HttpStatusCode.OK, site.StatusCode);
        Assert.Equal("text/html", site.Content.Headers.ContentType?.MediaType);
        var page = await site.Content.ReadAsStringAsync();
        Assert.Equal(MainFile("sites/e2e.example.com/site/index.html"), page);
        Assert.Contains("<strong>e2e.example.com</strong> is live.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_provisioned_again_is_served_from_its_new_merge_commit_once_the_rollout_replaced_its_pods()
    {
        var first = await ProvisionAndMergeAsync("again.example.com");
        Assert.True((string?)first.End["status"] == "Completed", first.End.ToJsonString());

        var second = await ProvisionAndMergeAsync("again.example.com");

        Assert.True((string?)second.End["status"] == "Completed", second.End.ToJsonString());
        Assert.NotEqual(first.MergeCommit, second.MergeCommit);
        using var site = await GetSiteAsync("again.example.com");
        Assert.Equal(HttpStatusCode.OK, site.StatusCode);
        Assert.Equal($"registry.example.com/sites/again-example-com:{second.MergeCommit[..12]}-2", site.Headers.GetValues("X-Sandbox-Image").Single());
        Assert.Contains("Build #2 succeeded.", (string?)Step(second.End, "build")["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fail_build_domain_ends_Failed_at_Build_with_the_builds_console_tail()
    {
        var done = (await ProvisionAndMergeAsync("fail-build.example.com")).End;

        Assert.True((string?)done["status"] == "Failed", done.ToJsonString());
        Assert.Equal("build", (string?)done["failure"]!["step"]);
        Assert.Contains("FAILURE", (string?)done["failure"]!["cause"], StringComparison.Ordinal);
        Assert.Equal("Failed", (string?)Step(done, "build")["outcome"]);
        var evidence = done["failure"]!["evidence"]!;
        Assert.Equal("FAILURE", (string?)evidence["result"]);
        Assert.Equal((string?)done["links"]!["build_url"], (string?)evidence["build_url"]);
        var tail = evidence["console_tail"]!.AsArray().Select(l => (string?)l).ToList();
        Assert.Contains(tail, line => line!.Contains("the sandbox fails every build of a domain starting with 'fail-build.' here, on purpose", StringComparison.Ordinal));
        Assert.Contains("ERROR: script returned exit code 1", tail);
        Assert.Equal("Finished: FAILURE", tail[^1]);
        Assert.Empty(Sandbox.PushedImages);
    }

    [Fact]
    public async Task A_bad_image_domain_ends_Failed_at_Rollout_with_its_pods_reasons_and_events()
    {
        var done = (await ProvisionAndMergeAsync("bad-image.example.com")).End;

        Assert.True((string?)done["status"] == "Failed", done.ToJsonString());
        Assert.Equal("rollout", (string?)done["failure"]!["step"]);
        Assert.Contains("exceeded its progress deadline", (string?)done["failure"]!["cause"], StringComparison.Ordinal);
        Assert.Equal("Succeeded", (string?)Step(done, "build")["outcome"]);
        var evidence = done["failure"]!["evidence"]!;
        Assert.NotEmpty(evidence["pods"]!.AsArray());
        Assert.All(evidence["pods"]!.AsArray(), pod =>
        {
            Assert.StartsWith("bad-image-example-com-", (string?)pod!["name"], StringComparison.Ordinal);
            Assert.Equal("app", (string?)pod["container"]);
            Assert.Contains((string?)pod["reason"], new[] { "ImagePullBackOff", "ErrImagePull" });
        });
        Assert.Contains(evidence["events"]!.AsArray(), e => (string?)e!["reason"] == "Failed" && ((string?)e["message"])!.Contains("registry.example.com/sites/bad-image-example-com", StringComparison.Ordinal));
        using var site = await GetSiteAsync("bad-image.example.com");
        Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
    }

    [Fact]
    public async Task Ten_provisions_merged_in_any_order_all_go_live_each_with_its_own_site()
    {
        var seed = Environment.TickCount;
        var order = new Random(seed);
        var domains = Enumerable.Range(1, 10).Select(i => $"site{i}.example.com").ToList();
        var ids = new Dictionary<string, string>();
        foreach (var (domain, index) in domains.Select((d, i) => (d, i)))
        {
            ids[domain] = index % 2 == 0
                ? await Http.StartProvisionAsync(domain, "frontend", "static-site")
                : await Http.StartProvisionAsync(domain, "backend", "dotnet-api");
        }

        foreach (var id in ids.Values)
        {
            await Http.WaitForStatusAsync(id, "AwaitingApproval");
        }

        // Every merge moves main; GitHub merges each of the others still, since each site has its own folder.
        foreach (var domain in domains.OrderBy(_ => order.Next()).ToList())
        {
            await MergeAsync(ids[domain]);
        }

        foreach (var (domain, index) in domains.Select((d, i) => (d, i)))
        {
            var done = await Http.WaitForEndAsync(ids[domain], TimeSpan.FromMinutes(3));
            Assert.True((string?)done["status"] == "Completed", $"seed {seed}: {done.ToJsonString()}");
            using var site = await GetSiteAsync(domain);
            Assert.Equal(HttpStatusCode.OK, site.StatusCode);
            var body = await site.Content.ReadAsStringAsync();
            if (index % 2 == 0)
            {
                Assert.Equal(MainFile($"sites/{domain}/site/index.html"), body);
            }
            else
            {
                Assert.Equal(domain, (string?)JsonNode.Parse(body)!["service"]);
            }
        }

        Assert.Equal(10, GitHub.WebhookDeliveries.Count(d => d.StatusCode == 202));
    }
}
