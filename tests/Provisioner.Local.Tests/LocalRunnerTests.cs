using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Provisioner.Local.Tests.Support;

namespace Provisioner.Local.Tests;

/// <summary>
/// The local runner over real HTTP: the API, the durable engine in-process, Octokit against the
/// GitHub simulator, and the simulator's signed webhook coming back to the API.
/// </summary>
public sealed class LocalRunnerTests : RunnerTestBase
{
    [Fact]
    public async Task A_provision_opens_its_pull_request_in_the_simulator_and_the_simulators_merge_webhook_moves_it_past_approval()
    {
        var id = await Http.StartProvisionAsync("e2e.example.com", "frontend", "static-site");
        await Http.WaitForStatusAsync(id, "AwaitingApproval");

        var pr = PullRequestOf(id);
        Assert.Equal(["devops"], pr.RequestedTeams);
        Assert.Equal(["app:frontend", "provisioning"], pr.Labels.Order());
        Assert.Single(Runner.GitHub!.State.CommitsAhead(LocalRunner.Owner, LocalRunner.Repository, "main", pr.Head));

        await Runner.GitHub!.MergeAsync(LocalRunner.Owner, LocalRunner.Repository, pr.Number);

        // Jenkins has no integration yet: the run passes approval and fails, honestly, at the build step.
        var failed = await Http.WaitForStatusAsync(id, "Failed");
        var approval = failed["timeline"]!.AsArray().Single(s => (string?)s!["name"] == "approval")!;
        Assert.Equal("Succeeded", (string?)approval["outcome"]);
        Assert.Equal("build", (string?)failed["failure"]!["step"]);
        Assert.Contains("JENKINS_URL", (string?)failed["failure"]!["cause"]);
        var delivery = Assert.Single(Runner.GitHub!.WebhookDeliveries);
        Assert.Equal("pull_request", delivery.Event);
        Assert.Equal(202, delivery.StatusCode);
    }

    [Fact]
    public async Task Preview_returns_the_files_the_pull_request_gets_and_starts_nothing()
    {
        using var preview = await Http.PostAsJsonAsync("api/provisions/preview", new { domain = "preview.example.com", app_type = "backend", template_id = "dotnet-api" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var body = JsonNode.Parse(await preview.Content.ReadAsStringAsync())!;
        var client = Runner.Services.GetRequiredService<DurableTaskClient>();
        Assert.Empty(await client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync());
        Assert.Empty(Runner.GitHub!.Log.ApiCalls);
        Assert.Contains("kind: Ingress", (string?)body["ingress_manifest"]);
        Assert.Equal("preview-example-com", (string?)body["build_parameters"]!["APP_NAME"]);

        var id = await Http.StartProvisionAsync("preview.example.com", "backend", "dotnet-api");
        await Http.WaitForStatusAsync(id, "AwaitingApproval");

        // The preview renders with a placeholder id; with the real id in its place the files are the PR's, byte for byte.
        var previewId = (string)body["branch"]!.GetValue<string>()["provision/".Length..];
        var previewed = body["files"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => ((string)f!["content"]!).Replace(previewId, id, StringComparison.Ordinal));
        var pr = PullRequestOf(id);
        var inPullRequest = Runner.GitHub!.State.ReadFiles(LocalRunner.Owner, LocalRunner.Repository, pr.Head)
            .Where(f => f.Key.StartsWith("sites/preview.example.com/", StringComparison.Ordinal))
            .ToDictionary();
        Assert.Equal(previewed.Keys.Order(), inPullRequest.Keys.Order());
        Assert.All(previewed, f => Assert.Equal(f.Value, inPullRequest[f.Key]));
    }

    [Fact]
    public async Task Templates_are_listed_with_their_app_types()
    {
        var list = JsonNode.Parse(await Http.GetStringAsync("api/templates"))!["templates"]!.AsArray();

        Assert.Contains(list, t => (string?)t!["id"] == "static-site" && (string?)t["app_type"] == "frontend");
        Assert.Contains(list, t => (string?)t!["id"] == "dotnet-api" && (string?)t["app_type"] == "backend");
    }

    [Fact]
    public async Task The_durable_status_query_url_answers_for_the_provision()
    {
        using var started = await Http.PostAsJsonAsync("api/provisions", new { domain = "links.example.com", app_type = "frontend", template_id = "static-site" });
        var body = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
        await Http.WaitForStatusAsync((string)body["provision_id"]!, "AwaitingApproval");

        var status = JsonNode.Parse(await Http.GetStringAsync((string)body["durable"]!["statusQueryGetUri"]!))!;

        Assert.Equal("Provision", (string?)status["name"]);
        Assert.Equal("Running", (string?)status["runtimeStatus"]);
        Assert.Equal((int)Workflow.Model.ProvisionStatus.AwaitingApproval, (int?)status["customStatus"]!["Status"]);
        Assert.Equal(started.Headers.Location, new Uri((string)body["links"]!["self"]!));
    }

    [Fact]
    public async Task No_secret_reaches_a_log_line_during_a_full_provision()
    {
        var configuration = Runner.Services.GetRequiredService<IConfiguration>();
        var secrets = new[] { configuration["GITHUB_TOKEN"]!, configuration["WEBHOOK_SECRET"]! };
        var id = await Http.StartProvisionAsync("quiet.example.com", "frontend", "static-site");
        await Http.WaitForStatusAsync(id, "AwaitingApproval");
        await Runner.GitHub!.MergeAsync(LocalRunner.Owner, LocalRunner.Repository, PullRequestOf(id).Number);
        var final = await Http.WaitForStatusAsync(id, "Failed");

        var lines = Logs.Collector.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception}").ToList();
        Assert.True(lines.Count > 20, $"expected a full run's logs, got {lines.Count} lines");
        Assert.All(secrets, secret =>
        {
            Assert.False(string.IsNullOrEmpty(secret));
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, final.ToJsonString(), StringComparison.Ordinal);
        });
    }
}
