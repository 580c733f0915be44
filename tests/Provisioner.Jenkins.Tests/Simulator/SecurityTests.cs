using System.Net;
using System.Text;
using Provisioner.Jenkins.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Jenkins.Tests.Simulator;

/// <summary>The simulator's security answers as Jenkins' filters do: headers, 401/403, crumbs bound to user and session.</summary>
public sealed class SecurityTests : IAsyncLifetime
{
    private JenkinsTestBed bed = null!;

    public async Task InitializeAsync() => bed = await JenkinsTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Every_response_says_it_is_Jenkins_which_version_and_which_start()
    {
        bed.Simulator.Faults.Add(new FaultRule("GET", "/queue/api/json") { StatusCode = 503 });
        using var jenkins = new RawJenkins(bed.Simulator.BaseUrl);
        using var anonymous = new RawJenkins(bed.Simulator.BaseUrl, user: null);
        using var wrong = new RawJenkins(bed.Simulator.BaseUrl, secret: "wrong");

        HttpResponseMessage[] responses = [
            await jenkins.GetAsync(""), await jenkins.GetAsync("api/json"), await jenkins.GetAsync("job/missing/api/json"),
            await jenkins.GetAsync("queue/api/json"), await anonymous.GetAsync("api/json"), await wrong.GetAsync("api/json"),
        ];

        Assert.Equal([200, 200, 404, 503, 403, 401], responses.Select(r => (int)r.StatusCode));
        Assert.All(responses, r =>
        {
            Assert.Equal(bed.Simulator.Options.Version, r.Headers.GetValues("X-Jenkins").Single());
            Assert.Matches("^[0-9a-f]{8}$", r.Headers.GetValues("X-Jenkins-Session").Single());
        });
    }

    [Fact]
    public async Task Wrong_credentials_get_401_with_a_basic_challenge()
    {
        using var wrong = new RawJenkins(bed.Simulator.BaseUrl, secret: "not-the-token");

        using var response = await wrong.GetAsync("api/json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Jenkins\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("HTTP ERROR 401 Unauthorized", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_requests_get_403_Authentication_required()
    {
        using var anonymous = new RawJenkins(bed.Simulator.BaseUrl, user: null);

        using var response = await anonymous.GetAsync("job/x/api/json");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("anonymous", response.Headers.GetValues("X-You-Are-Authenticated-As").Single());
        Assert.Equal("hudson.model.Hudson.Read", response.Headers.GetValues("X-Required-Permission").Single());
        Assert.Contains("Authentication required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_crumb_issuer_binds_a_crumb_to_a_new_session_cookie()
    {
        using var jenkins = new RawJenkins(bed.Simulator.BaseUrl);

        using var response = await jenkins.GetAsync("crumbIssuer/api/json");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Matches("^JSESSIONID\\.[0-9a-f]{8}=node0[0-9a-f]+\\.node0; path=/; httponly$", cookie);
        var crumb = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("hudson.security.csrf.DefaultCrumbIssuer", (string?)crumb["_class"]);
        Assert.Equal("Jenkins-Crumb", (string?)crumb["crumbRequestField"]);
        Assert.Matches("^[0-9a-f]{64}$", (string?)crumb["crumb"]);
        Assert.Equal(1, bed.Simulator.Sessions.Count);
    }

    [Fact]
    public async Task A_password_POST_needs_the_crumb_of_its_own_session_while_a_token_POST_needs_none()
    {
        using var byPassword = new RawJenkins(bed.Simulator.BaseUrl, secret: JenkinsTestBed.Password);
        using var other = new RawJenkins(bed.Simulator.BaseUrl, secret: JenkinsTestBed.Password);
        using var byToken = new RawJenkins(bed.Simulator.BaseUrl);
        var othersCrumb = await other.CrumbAsync();

        using var none = await byPassword.PostXmlAsync("createItem?name=a", "<project/>");
        await byPassword.CrumbAsync();
        using var foreign = await byPassword.PostAsync("createItem?name=a", new StringContent("<project/>", Encoding.UTF8, "application/xml"), othersCrumb);
        using var own = await byPassword.PostAsync("createItem?name=a", new StringContent("<project/>", Encoding.UTF8, "application/xml"), await byPassword.CrumbAsync());
        using var token = await byToken.PostXmlAsync("createItem?name=b", "<project/>");

        Assert.Equal([403, 403, 200, 200], new[] { none, foreign, own, token }.Select(r => (int)r.StatusCode));
        Assert.Contains("No valid crumb was included in the request", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("No valid crumb was included in the request", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crumb_dies_with_its_session()
    {
        bed.Simulator.Options.ApiTokenPostsNeedCrumb = true;
        using var jenkins = new RawJenkins(bed.Simulator.BaseUrl);
        var crumb = await jenkins.CrumbAsync();
        bed.Simulator.Sessions.ExpireAll();

        using var response = await jenkins.PostAsync("createItem?name=a", new StringContent("<project/>", Encoding.UTF8, "application/xml"), crumb);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("No valid crumb", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_cookie_alone_authenticates_and_its_POSTs_need_the_crumb()
    {
        using var login = new RawJenkins(bed.Simulator.BaseUrl);
        using var crumbResponse = await login.GetAsync("crumbIssuer/api/json");
        var cookie = crumbResponse.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var crumb = (string)System.Text.Json.Nodes.JsonNode.Parse(await crumbResponse.Content.ReadAsStringAsync())!["crumb"]!;

        var read = await Send(HttpMethod.Get, "me/api/json", cookie, null);
        var without = await Send(HttpMethod.Post, "createItem?name=s", cookie, null);
        var with = await Send(HttpMethod.Post, "createItem?name=s", cookie, crumb);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(JenkinsTestBed.User, await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task A_user_lacking_a_permission_gets_403_naming_it()
    {
        bed.Simulator.Options.FindUser(JenkinsTestBed.User)!.Permissions.Remove(JenkinsPermission.ItemCreate);
        using var jenkins = new RawJenkins(bed.Simulator.BaseUrl);

        using var response = await jenkins.PostXmlAsync("createItem?name=x", "<project/>");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(JenkinsTestBed.User, response.Headers.GetValues("X-You-Are-Authenticated-As").Single());
        Assert.Equal("hudson.model.Item.Create", response.Headers.GetValues("X-Required-Permission").Single());
        Assert.Contains($"{JenkinsTestBed.User} is missing the Job/Create permission", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string cookie, string? crumb)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = bed.Simulator.BaseUrl };
        using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? new StringContent("<project/>", Encoding.UTF8, "application/xml") : null };
        request.Headers.Add("Cookie", cookie);
        if (crumb is not null)
        {
            request.Headers.Add("Jenkins-Crumb", crumb);
        }

        return await http.SendAsync(request);
    }
}
