using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Provisioner.Jenkins.Tests.Support;

/// <summary>Plain HTTP to the simulator, as any Jenkins client would send it: basic auth, no redirects followed, its own cookies.</summary>
internal sealed class RawJenkins : IDisposable
{
    private readonly HttpClient http;

    public RawJenkins(Uri baseUrl, string? user = JenkinsTestBed.User, string? secret = JenkinsTestBed.Token)
    {
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = baseUrl };
        if (user is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    public async Task<JsonNode> JsonAsync(string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent? content = null, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostXmlAsync(string path, string xml) => PostAsync(path, new StringContent(xml, Encoding.UTF8, "application/xml"));

    /// <summary>The crumb header for this client's session.</summary>
    public async Task<Dictionary<string, string>> CrumbAsync()
    {
        var crumb = await JsonAsync("crumbIssuer/api/json");
        return new() { [(string)crumb["crumbRequestField"]!] = (string)crumb["crumb"]! };
    }

    public static string Pipeline(params string[] parameters) =>
        "<flow-definition><description>d</description><properties><hudson.model.ParametersDefinitionProperty><parameterDefinitions>" +
        string.Concat(parameters.Select(p => $"<hudson.model.StringParameterDefinition><name>{p}</name><defaultValue>default-{p}</defaultValue></hudson.model.StringParameterDefinition>")) +
        "</parameterDefinitions></hudson.model.ParametersDefinitionProperty></properties>" +
        "<definition class=\"org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition\"><scm class=\"hudson.plugins.git.GitSCM\"><userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><url>https://git.example/sites.git</url></hudson.plugins.git.UserRemoteConfig></userRemoteConfigs>" +
        "<branches><hudson.plugins.git.BranchSpec><name>*/main</name></hudson.plugins.git.BranchSpec></branches></scm><scriptPath>Jenkinsfile</scriptPath><lightweight>true</lightweight></definition></flow-definition>";

    public void Dispose() => http.Dispose();
}
