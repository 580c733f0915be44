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

/// <summary>The local runner's API over real HTTP in sandbox mode: templates, previews, the Durable links, secrets kept out of logs.</summary>
public sealed class LocalRunnerTests : RunnerTestBase
{
    [Fact]
    public async Task Preview_returns_the_files_the_pull_request_gets_and_starts_nothing()
    {
        using var preview = await Http.PostAsJsonAsync("api/provisions/preview", new { domain = "preview.example.com", app_type = "backend", template_id = "dotnet-api" });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var body = JsonNode.Parse(await preview.Content.ReadAsStringAsync())!;
        var client = Runner.Services.GetRequiredService<DurableTaskClient>();
        Assert.Empty(await client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync());
        Assert.Empty(GitHub.Log.ApiCalls);
        Assert.Contains("kind: Ingress", (string?)body["ingress_manifest"]);
        Assert.Equal("preview-example-com", (string?)body["build_parameters"]!["APP_NAME"]);

        var id = await Http.StartProvisionAsync("preview.example.com", "backend", "dotnet-api");
        await Http.WaitForStatusAsync(id, "AwaitingApproval");

        // The preview renders with a placeholder id; with the real id in its place the files are the PR's, byte for byte.
        var previewId = (string)body["branch"]!.GetValue<string>()["provision/".Length..];
        var previewed = body["files"]!.AsArray().ToDictionary(f => (string)f!["path"]!, f => ((string)f!["content"]!).Replace(previewId, id, StringComparison.Ordinal));
        var pr = PullRequestOf(id);
        var inPullRequest = GitHub.State.ReadFiles(Sandbox.GitHub!.Owner, Sandbox.GitHub.Repository, pr.Head)
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
    public async Task No_secret_reaches_a_log_line_or_the_status_during_a_provision_that_goes_live()
    {
        var configuration = Runner.Configuration;
        string[] secrets =
        [
            configuration["GITHUB_TOKEN"]!, configuration["WEBHOOK_SECRET"]!, configuration["JENKINS_TOKEN"]!,
            Sandbox.KubernetesSimulator!.Options.Token, Sandbox.GitHub!.ReviewerToken, Sandbox.Jenkins!.OperatorToken,
        ];
        var final = (await ProvisionAndMergeAsync("quiet.example.com")).End;

        Assert.Equal("Completed", (string?)final["status"]);
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
