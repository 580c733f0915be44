using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.Kubernetes.Probe;
using Provisioner.Local.Sandbox;
using Provisioner.Local.Tests.Support;
using Provisioner.Sandbox;
using Provisioner.Sandbox.GitHub;

namespace Provisioner.Local.Tests;

/// <summary>
/// The sandbox as a process of its own serves a runner pointed at it through the settings it prints,
/// as issue 13's restart tests use it: to the runner every integration is a real system.
/// </summary>
public sealed class StandaloneSandboxTests
{
    [Fact]
    public async Task A_runner_given_the_sandbox_processs_settings_provisions_a_site_that_goes_live()
    {
        await using var sandbox = await SandboxProcess.StartAsync();
        await using var runner = await LocalRunner.StartAsync(new LocalRunnerOptions
        {
            Port = sandbox.RunnerPort,
            ReadAmbientSettings = false,
            Settings = sandbox.RunnerSettings.ToDictionary(p => p.Key, p => (string?)p.Value),
        }, logging => logging.ClearProviders());
        using var http = new HttpClient { BaseAddress = runner.BaseUrl };
        Assert.Null(runner.Sandbox);
        // To the runner this cluster is a real one, but on loopback: its probe asks no DNS server about example.com.
        Assert.IsType<SandboxHostNameResolver>(runner.Services.GetRequiredService<IHostNameResolver>());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("api/sandbox")).StatusCode);

        var id = await http.StartProvisionAsync("standalone.example.com");
        var awaiting = await http.WaitForStatusAsync(id, "AwaitingApproval");
        var reviewer = sandbox.Reviewer(http);
        await reviewer.MergeAsync(DevOpsReviewer.PullRequestNumber((string?)awaiting["links"]!["pr_url"])!.Value);
        var done = await http.WaitForEndAsync(id, TimeSpan.FromMinutes(2));

        Assert.True((string?)done["status"] == "Completed", done.ToJsonString());
        var ingress = new Uri(sandbox.Printed[SandboxBanner.IngressUrlTemplate].Replace("{domain}", "standalone.example.com", StringComparison.Ordinal));
        using var site = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{ingress.Port}/");
        site.Headers.Host = "standalone.example.com";
        using var page = await http.SendAsync(site);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<strong>standalone.example.com</strong> is live.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
