using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Local.Tests.Support;

namespace Provisioner.Local.Tests;

/// <summary><c>GET /api/sandbox</c> in sandbox mode: what a script, a test or the UI needs to act in the sandbox, each part usable as given.</summary>
public sealed class SandboxApiTests : RunnerTestBase
{
    [Fact]
    public async Task It_names_the_sandboxs_GitHub_Jenkins_cluster_and_ingress_and_the_scripted_outcomes()
    {
        var body = await Http.GetStringAsync("api/sandbox");
        var sandbox = JsonNode.Parse(body)!;

        Assert.Equal(Sandbox.GitHub!.ApiUrl.ToString(), (string?)sandbox["github"]!["api_url"]);
        Assert.EndsWith("/api/v3/", (string?)sandbox["github"]!["api_url"], StringComparison.Ordinal);
        Assert.Equal("contoso", (string?)sandbox["github"]!["owner"]);
        Assert.Equal("sites", (string?)sandbox["github"]!["repo"]);
        Assert.Equal(Sandbox.GitHub.ReviewerToken, (string?)sandbox["github"]!["reviewer_token"]);
        Assert.Equal("admin", (string?)sandbox["jenkins"]!["user"]);
        Assert.True(File.Exists((string?)sandbox["kubernetes"]!["kubeconfig_path"]));
        Assert.Equal("sites", (string?)sandbox["kubernetes"]!["namespace"]);
        Assert.Equal($"http://{{domain}}.localhost:{Sandbox.Ingress!.Port}/", (string?)sandbox["ingress"]!["url_template"]);
        Assert.Equal(["fail-build.", "bad-image.", "crash.", "not-ready."], sandbox["scripted_outcomes"]!.AsArray().Select(o => (string?)o!["domain_prefix"]));
        Assert.All(sandbox["scripted_outcomes"]!.AsArray(), o => Assert.False(string.IsNullOrEmpty((string?)o!["outcome"])));

        using var jenkins = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri((string)sandbox["jenkins"]!["url"]!), "api/json"));
        jenkins.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sandbox["jenkins"]!["user"]}:{sandbox["jenkins"]!["token"]}")));
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(jenkins)).StatusCode);

        // Its tokens are the sandbox's own for people; the runner's credentials stay out.
        foreach (var secret in new[] { "GITHUB_TOKEN", "JENKINS_TOKEN", "WEBHOOK_SECRET" }.Select(name => Runner.Configuration[name]!))
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }
}
