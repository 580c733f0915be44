using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Provisioner.GitHub.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;

namespace Provisioner.GitHub.Tests.Simulator;

/// <summary>
/// The REST API answers browsers on other origins as api.github.com does (docs.github.com, "Using CORS and
/// JSONP to make cross-origin requests"): any origin, GitHub's allowed and exposed headers, preflights without
/// a token. The UI's browser tests prove a real browser accepts it (Approve and Reject in the sandbox).
/// </summary>
public sealed class CorsTests : IAsyncLifetime
{
    private const string Origin = "http://127.0.0.1:7071";
    private GitHubTestBed bed = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        bed = await GitHubTestBed.StartAsync();
        http = new HttpClient { BaseAddress = bed.Simulator.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await bed.DisposeAsync();
    }

    [Fact]
    public async Task A_preflight_is_204_with_GitHubs_allowed_methods_and_headers_and_needs_no_token()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/v3/repos/contoso/sites/pulls/1/merge");
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, X-Requested-With", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("GET, POST, PATCH, PUT, DELETE", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("86400", Header(response, "Access-Control-Max-Age"));
        Assert.Equal("ETag, Link, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval", Header(response, "Access-Control-Expose-Headers"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Empty(bed.Simulator.State.FindRepository("contoso", "sites")!.PullRequests);
    }

    [Fact]
    public async Task Answers_to_any_origin_carry_the_allowed_origin_and_exposed_headers_errors_and_faults_included()
    {
        using var ok = await SendAsync(HttpMethod.Get, "api/v3/repos/contoso/sites", GitHubTestBed.Token);
        using var unauthorized = await SendAsync(HttpMethod.Get, "api/v3/repos/contoso/sites", "wrong-token");
        using var notFound = await SendAsync(HttpMethod.Get, "api/v3/repos/contoso/missing", GitHubTestBed.Token);
        bed.Simulator.Faults.Add(new FaultRule("GET", "/repos/contoso/sites") { StatusCode = 503, RetryAfterSeconds = 3 });
        using var fault = await SendAsync(HttpMethod.Get, "api/v3/repos/contoso/sites", GitHubTestBed.Token);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.ServiceUnavailable],
            [ok.StatusCode, unauthorized.StatusCode, notFound.StatusCode, fault.StatusCode]);
        Assert.All([ok, unauthorized, notFound, fault], response =>
        {
            Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
            Assert.Contains("Link", Header(response, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_cross_origin_merge_with_a_bearer_token_merges_and_delivers_as_any_merge()
    {
        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        using var merge = new HttpRequestMessage(HttpMethod.Put, $"api/v3/repos/contoso/sites/pulls/{pr.Number}/merge")
        {
            Content = new StringContent("""{"merge_method":"merge"}""", Encoding.UTF8, "application/json"),
        };
        merge.Headers.Add("Origin", Origin);
        merge.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GitHubTestBed.Token);

        using var response = await http.SendAsync(merge);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.True(bed.Simulator.State.FindRepository("contoso", "sites")!.PullRequests[pr.Number].Merged);
    }

    [Fact]
    public async Task Paths_outside_the_REST_API_get_no_cross_origin_headers()
    {
        using var mcp = await SendAsync(HttpMethod.Options, "mcp", null);
        using var root = await SendAsync(HttpMethod.Get, "", null);

        Assert.False(mcp.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(root.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", Origin);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
        }

        return await http.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : []);
}
