using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioner.Local.Tests.Support;

namespace Provisioner.Local.Tests;

/// <summary>
/// The runner as a process reads its settings from local.settings.json (the Functions format) and the
/// environment, and says at start, per integration, "sandbox" or the real endpoint it uses — never a secret.
/// </summary>
public sealed partial class RunnerSettingsTests
{
    [Fact]
    public async Task Local_settings_json_and_the_environment_configure_the_runner_and_its_start_up_lines_say_what_runs_where()
    {
        var folder = Directory.CreateTempSubdirectory("runner-settings-").FullName;
        var settingsFile = Path.Combine(folder, "local.settings.json");
        await File.WriteAllTextAsync(settingsFile, """
            {
              "IsEncrypted": false,
              "Values": { "GITHUB_OWNER": "acme", "GITHUB_REPO": "websites", "GITHUB_DEVOPS_TEAM_SLUG": "platform", "K8S_NAMESPACE_DEFAULT": "web" }
            }
            """);

        await using var runner = RunnerProcess.Start(["--port", "0"], new Dictionary<string, string> { ["GITHUB_REPO"] = "env-sites" }, folder);
        var url = await runner.WaitUntilServingAsync();
        await runner.WaitForLineAsync("the state line", line => line.StartsWith("  State", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = url };
        var sandbox = JsonNode.Parse(await http.GetStringAsync("api/sandbox"))!;

        Assert.Equal("acme", (string?)sandbox["github"]!["owner"]);
        Assert.Equal("env-sites", (string?)sandbox["github"]!["repo"]);
        Assert.Equal("web", (string?)sandbox["kubernetes"]!["namespace"]);
        var output = runner.Output;
        Assert.Contains($"  Web UI      {url}api/ui/", output, StringComparison.Ordinal);
        Assert.Matches(@"  GitHub      sandbox: http://127\.0\.0\.1:\d+/ \(repository acme/env-sites, team platform; merges deliver the webhook to http://127\.0\.0\.1:\d+/api/github/webhook\)", output);
        Assert.Matches(@"  Jenkins     sandbox: http://127\.0\.0\.1:\d+/ \(user admin; its token is in GET /api/sandbox\)", output);
        Assert.Matches(@"  Kubernetes  sandbox: https://127\.0\.0\.1:\d+/; sites answer at http://\{domain\}\.localhost:\d+/", output);
        Assert.Contains($"kubectl --kubeconfig {sandbox["kubernetes"]!["kubeconfig_path"]} get deploy,pods,svc,ingress -n web", output, StringComparison.Ordinal);
        Assert.Contains($"  Settings    {settingsFile}, then environment variables", output, StringComparison.Ordinal);
        Assert.Contains("  State       Durable engine: in memory; every instance is lost when this process exits (set AzureWebJobsStorage", output, StringComparison.Ordinal);
        Assert.DoesNotContain((string)sandbox["github"]!["reviewer_token"]!, output, StringComparison.Ordinal);
        Assert.DoesNotContain((string)sandbox["jenkins"]!["token"]!, output, StringComparison.Ordinal);
        Assert.DoesNotMatch(SandboxSecret(), output);
    }

    [Fact]
    public async Task Real_systems_are_named_by_their_endpoints_and_never_by_their_secrets()
    {
        await using var runner = RunnerProcess.Start(["--port", "0"], new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "secret-github-token", ["GITHUB_OWNER"] = "acme", ["GITHUB_REPO"] = "sites", ["GITHUB_DEVOPS_TEAM_SLUG"] = "devops",
            ["GITHUB_API_URL"] = "http://127.0.0.1:9/", ["WEBHOOK_SECRET"] = "secret-webhook",
            ["JENKINS_URL"] = "http://127.0.0.1:9/jenkins/", ["JENKINS_USER"] = "ci-bot", ["JENKINS_TOKEN"] = "secret-jenkins-token",
            ["KUBECONFIG_CONTENT"] = "apiVersion: v1\nkind: Config\nusers: [{name: u, user: {token: secret-cluster-token}}]\n",
        });
        var url = await runner.WaitUntilServingAsync();
        await runner.WaitForLineAsync("the state line", line => line.StartsWith("  State", StringComparison.Ordinal));
        using var http = new HttpClient { BaseAddress = url };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("api/sandbox")).StatusCode);
        var output = runner.Output + runner.Errors;
        Assert.Contains("  GitHub      http://127.0.0.1:9/ (repository acme/sites, team devops)", output, StringComparison.Ordinal);
        Assert.Contains("webhook: the repository's webhook must reach /api/github/webhook of this runner", output, StringComparison.Ordinal);
        Assert.Contains("  Jenkins     http://127.0.0.1:9/jenkins/ (user ci-bot, folder provisioned-sites)", output, StringComparison.Ordinal);
        Assert.Contains("  Kubernetes  the cluster of the kubeconfig in KUBECONFIG_CONTENT", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Scripted", output, StringComparison.Ordinal);
        Assert.All(new[] { "secret-github-token", "secret-webhook", "secret-jenkins-token", "secret-cluster-token" }, secret => Assert.DoesNotContain(secret, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_settings_json_that_is_not_in_the_Functions_format_is_one_line_and_exit_code_1()
    {
        var folder = Directory.CreateTempSubdirectory("runner-settings-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "local.settings.json"), """{ "Values": { "GITHUB_OWNER": { "name": "acme" } } }""");

        await using var runner = RunnerProcess.Start(["--port", "0"], workingDirectory: folder);

        Assert.True(await runner.ExitsWithinAsync(TimeSpan.FromSeconds(60)), runner.Output + runner.Errors);
        Assert.Equal(1, runner.ExitCode);
        Assert.Equal($"{Path.Combine(folder, "local.settings.json")} cannot be read: the value of \"GITHUB_OWNER\" must be a string. Fix or remove it (see local.settings.sample.json).", runner.Errors.Trim());
    }

    /// <summary>The shape of every token the sandbox makes.</summary>
    [GeneratedRegex("ghp_(sandbox|reviewer|jenkins)_[0-9a-f]+|jenkins_(admin_)?[0-9a-f]{40}")]
    private static partial Regex SandboxSecret();
}
