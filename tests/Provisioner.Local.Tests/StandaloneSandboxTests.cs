using System.Net;
using System.Net.Sockets;
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
        var port = FreePort();
        await using var process = DotnetProcess.Start("Provisioner.Sandbox.dll", ["--webhook-url", $"http://127.0.0.1:{port}/api/github/webhook"]);
        await process.WaitForLineAsync("the sandbox being ready", line => line == SandboxBanner.ReadyLine);
        var printed = SandboxBanner.ReadValues(process.OutputLines);
        await using var runner = await LocalRunner.StartAsync(new LocalRunnerOptions
        {
            Port = port,
            ReadAmbientSettings = false,
            Settings = printed.Where(p => !p.Key.StartsWith("SANDBOX_", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => (string?)p.Value),
        }, logging => logging.ClearProviders());
        using var http = new HttpClient { BaseAddress = runner.BaseUrl };
        Assert.Null(runner.Sandbox);
        // To the runner this cluster is a real one, but on loopback: its probe asks no DNS server about example.com.
        Assert.IsType<SandboxHostNameResolver>(runner.Services.GetRequiredService<IHostNameResolver>());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("api/sandbox")).StatusCode);

        var id = await http.StartProvisionAsync("standalone.example.com");
        var awaiting = await http.WaitForStatusAsync(id, "AwaitingApproval");
        var reviewer = new DevOpsReviewer(new Uri(new Uri(printed["GITHUB_API_URL"]), "api/v3/"), printed["GITHUB_OWNER"], printed["GITHUB_REPO"], printed[SandboxBanner.ReviewerToken], http);
        await reviewer.MergeAsync(DevOpsReviewer.PullRequestNumber((string?)awaiting["links"]!["pr_url"])!.Value);
        var done = await http.WaitForEndAsync(id, TimeSpan.FromMinutes(2));

        Assert.True((string?)done["status"] == "Completed", done.ToJsonString());
        var ingress = new Uri(printed[SandboxBanner.IngressUrlTemplate].Replace("{domain}", "standalone.example.com", StringComparison.Ordinal));
        using var site = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{ingress.Port}/");
        site.Headers.Host = "standalone.example.com";
        using var page = await http.SendAsync(site);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<strong>standalone.example.com</strong> is live.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
