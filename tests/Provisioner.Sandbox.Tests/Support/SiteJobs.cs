using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.Sandbox;

namespace Provisioner.Sandbox.Tests.Support;

/// <summary>Site jobs of the sandbox's Jenkins, driven through Jenkins' remote API as the operator user, as a person or a script would.</summary>
internal sealed class SiteJobs : IDisposable
{
    private readonly HttpClient http;

    public SiteJobs(SandboxEnvironment sandbox)
    {
        var jenkins = sandbox.Jenkins!;
        http = new HttpClient { BaseAddress = jenkins.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{jenkins.OperatorUser}:{jenkins.OperatorToken}")));
    }

    /// <summary>Creates a Pipeline job that runs <paramref name="scriptPath"/> from <paramref name="cloneUrl"/>'s main branch, declaring the site parameters.</summary>
    public async Task CreateAsync(string name, string cloneUrl, string scriptPath)
    {
        var parameters = string.Concat(new[] { "APP_NAME", "NAMESPACE", "DOMAIN", "SITE_PATH", "IMAGE", "GIT_COMMIT", "PROVISION_ID" }.Select(p =>
            $"<hudson.model.StringParameterDefinition><name>{p}</name><defaultValue></defaultValue></hudson.model.StringParameterDefinition>"));
        var config = $"""
            <?xml version='1.0' encoding='UTF-8'?>
            <flow-definition>
              <properties><hudson.model.ParametersDefinitionProperty><parameterDefinitions>{parameters}</parameterDefinitions></hudson.model.ParametersDefinitionProperty></properties>
              <definition class="org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition">
                <scm class="hudson.plugins.git.GitSCM">
                  <userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><url>{SecurityElement.Escape(cloneUrl)}</url></hudson.plugins.git.UserRemoteConfig></userRemoteConfigs>
                  <branches><hudson.plugins.git.BranchSpec><name>*/main</name></hudson.plugins.git.BranchSpec></branches>
                </scm>
                <scriptPath>{SecurityElement.Escape(scriptPath)}</scriptPath>
                <lightweight>true</lightweight>
              </definition>
              <disabled>false</disabled>
            </flow-definition>
            """;
        using var created = await http.PostAsync($"createItem?name={Uri.EscapeDataString(name)}", new StringContent(config, Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
    }

    /// <summary>Queues a build with <paramref name="parameters"/> and waits until it has finished.</summary>
    public async Task<FinishedBuild> BuildAsync(string name, IReadOnlyDictionary<string, string> parameters)
    {
        using var queued = await http.PostAsync($"job/{name}/buildWithParameters", new FormUrlEncodedContent(parameters));
        Assert.Equal(HttpStatusCode.Created, queued.StatusCode);
        var queueItem = new Uri(queued.Headers.Location!, "api/json");
        var number = await Eventually.WaitAsync(
            $"queue item {queueItem} starting",
            async () => (int?)(await http.GetFromJsonAsync<JsonNode>(queueItem))!["executable"]?["number"],
            started => started is not null);
        var build = await Eventually.WaitAsync(
            $"build {name} #{number} finishing",
            async () => (await http.GetFromJsonAsync<JsonNode>($"job/{name}/{number}/api/json"))!,
            run => (bool?)run["building"] == false,
            describe: run => run.ToJsonString());
        return new FinishedBuild(number!.Value, (string)build["result"]!, await http.GetStringAsync($"job/{name}/{number}/consoleText"));
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A finished build: its number, Jenkins' result and its console text.</summary>
internal sealed record FinishedBuild(int Number, string Result, string Console)
{
    public string[] Lines => Console.Split('\n');

    public override string ToString() => $"#{Number} {Result}\n{Console}";
}
