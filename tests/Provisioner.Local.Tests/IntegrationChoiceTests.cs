using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Provisioner.Local.Tests.Support;
using Provisioner.Sandbox.GitHub;
using Provisioner.Simulators.Jenkins;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Local.Tests;

/// <summary>Each integration is the real system its settings name, and the sandbox stands in only for those left out.</summary>
public sealed class IntegrationChoiceTests
{
    [Fact]
    public async Task With_every_integration_configured_there_is_no_sandbox()
    {
        await using var runner = await LocalRunner.StartAsync(new LocalRunnerOptions
        {
            Port = 0,
            ReadAmbientSettings = false,
            Settings = new Dictionary<string, string?>
            {
                ["GITHUB_TOKEN"] = "real-token", ["GITHUB_OWNER"] = "acme", ["GITHUB_REPO"] = "sites", ["GITHUB_API_URL"] = "http://127.0.0.1:9/",
                ["JENKINS_URL"] = "http://127.0.0.1:9/", ["JENKINS_USER"] = "bot",
                ["KUBECONFIG"] = "/nonexistent/kubeconfig",
            },
        }, logging => logging.ClearProviders());
        using var http = new HttpClient { BaseAddress = runner.BaseUrl };

        using var sandbox = await http.GetAsync("api/sandbox");

        Assert.Null(runner.Sandbox);
        Assert.Equal(HttpStatusCode.NotFound, sandbox.StatusCode);
        Assert.Equal("application/problem+json", sandbox.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Every integration of this runner is a real system", await sandbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_Jenkins_builds_while_the_sandbox_stands_in_for_GitHub_and_Kubernetes()
    {
        var jenkinsOptions = new JenkinsSimulatorOptions();
        jenkinsOptions.Users.Clear();
        jenkinsOptions.Users.Add(new JenkinsUser("ci-bot", "password", "ci-token"));
        await using var jenkins = await JenkinsSimulator.StartAsync(jenkinsOptions);
        await using var runner = await LocalRunner.StartAsync(new LocalRunnerOptions
        {
            Port = 0,
            ReadAmbientSettings = false,
            Settings = new Dictionary<string, string?> { ["JENKINS_URL"] = jenkins.BaseUrl.ToString(), ["JENKINS_USER"] = "ci-bot", ["JENKINS_TOKEN"] = "ci-token" },
        }, logging => logging.ClearProviders());
        using var http = new HttpClient { BaseAddress = runner.BaseUrl };
        var described = JsonNode.Parse(await http.GetStringAsync("api/sandbox"))!;
        Assert.Null(described["jenkins"]);
        Assert.NotNull(described["github"]);
        Assert.NotNull(described["kubernetes"]);
        Assert.Empty(described["scripted_outcomes"]!.AsArray());
        Assert.Null(runner.Sandbox!.JenkinsSimulator);

        var id = await http.StartProvisionAsync("mixed.example.com");
        await http.WaitForStatusAsync(id, "AwaitingApproval");
        var number = DevOpsReviewer.PullRequestNumber((string?)JsonNode.Parse(await http.GetStringAsync($"api/provisions/{id}"))!["links"]!["pr_url"]);
        await DevOpsReviewer.For(runner.Sandbox.GitHub!, http).MergeAsync(number!.Value);

        // The configured Jenkins builds it (its scripted build deploys nothing, so the rollout waits for a Deployment).
        await http.WaitForStatusAsync(id, "Deploying");
        lock (jenkins.State.Sync)
        {
            var build = Assert.Single(jenkins.State.FindJob("provisioned-sites/mixed-example-com")!.Builds);
            Assert.Equal(id, build.Parameter("PROVISION_ID"));
        }

        using var cancelled = await http.PostAsync($"api/provisions/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        await http.WaitForStatusAsync(id, "Cancelled");
    }
}
