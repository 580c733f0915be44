using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Provisioner.GitHub.Tests.Support;
using Provisioner.GitHub.Webhooks;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Testing;
using Provisioner.Testing.Webhooks;

namespace Provisioner.GitHub.Tests.Simulator;

/// <summary>
/// The repository's webhook and its deliveries as GitHub's REST API shows them (the hook through Octokit,
/// deliveries and redelivery, which Octokit has no call for, through raw HTTP), and redelivery as GitHub does it:
/// the same body and <c>X-GitHub-Delivery</c>, signed again, to the hook's current URL.
/// </summary>
public sealed class WebhookDeliveriesTests : WebhookTestBase
{
    private const string Hooks = "api/v3/repos/contoso/sites/hooks";

    [Fact]
    public async Task The_one_hook_shows_the_current_URL_and_only_that_a_secret_is_set()
    {
        var hook = Assert.Single(await Bed.Octokit.Repository.Hooks.GetAll(GitHubTestBed.Owner, GitHubTestBed.Repo));

        Assert.Equal(1, hook.Id);
        Assert.Equal("web", hook.Name);
        Assert.True(hook.Active);
        Assert.Equal(["pull_request"], hook.Events);
        Assert.Equal(Receiver.Url.ToString(), hook.Config["url"]);
        Assert.Equal("json", hook.Config["content_type"]);
        Assert.Equal("0", hook.Config["insecure_ssl"]);
        Assert.Equal("********", hook.Config["secret"]);
        Assert.EndsWith("/repos/contoso/sites/hooks/1", hook.Url, StringComparison.Ordinal);
        Assert.EndsWith("/hooks/1/pings", hook.PingUrl, StringComparison.Ordinal);

        // DeliverWebhooksTo changes the target after start: the hook follows it.
        var moved = new Uri("http://127.0.0.1:1/elsewhere");
        Bed.Simulator.Options.WebhookUrl = moved;
        Assert.Equal(moved.ToString(), (await Bed.Octokit.Repository.Hooks.Get(GitHubTestBed.Owner, GitHubTestBed.Repo, 1)).Config["url"]);
    }

    [Fact]
    public async Task The_hook_has_the_fields_of_the_hook_in_GitHubs_recorded_ping_and_is_unused_until_a_delivery()
    {
        using var http = Bed.Http();
        var hook = Assert.Single((await GetArrayAsync(http, Hooks)).Item2)!.AsObject();
        var recorded = WebhookExamples.Ping()["hook"]!.AsObject();

        // The recording is older than deliveries_url, which GitHub's hooks now carry.
        Assert.Equal(recorded.Select(p => p.Key).Append("deliveries_url").Order(), hook.Select(p => p.Key).Distinct().Order());
        Assert.Equal(recorded["config"]!.AsObject().Select(p => p.Key).Append("secret").Order(), hook["config"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("""{"code":null,"status":"unused","message":null}""", hook["last_response"]!.ToJsonString());
        Assert.Equal("Repository", (string?)hook["type"]);
    }

    [Fact]
    public async Task Without_a_webhook_URL_there_is_no_hook_and_its_deliveries_are_GitHubs_404()
    {
        Bed.Simulator.Options.WebhookUrl = null;
        using var http = Bed.Http();

        Assert.Empty(await Bed.Octokit.Repository.Hooks.GetAll(GitHubTestBed.Owner, GitHubTestBed.Repo));
        foreach (var (method, path) in new[] { (HttpMethod.Get, Hooks + "/1/deliveries"), (HttpMethod.Post, Hooks + "/1/deliveries/1/attempts"), (HttpMethod.Get, Hooks + "/1") })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(method, path));
            await AssertNotFoundAsync(response);
        }
    }

    [Fact]
    public async Task Deliveries_list_each_attempt_newest_first_with_GitHubs_status_words()
    {
        var pr = await Bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        Receiver.StatusCode = 503;
        await Bed.Simulator.MergeAsync(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        Receiver.StatusCode = 202;
        await Bed.Simulator.PingAsync(GitHubTestBed.Owner, GitHubTestBed.Repo);
        using var http = Bed.Http();

        var (status, deliveries) = await GetArrayAsync(http, Hooks + "/1/deliveries");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, deliveries.Count);
        var (ping, merge) = (deliveries[0]!, deliveries[1]!);
        Assert.Equal("ping", (string?)ping["event"]);
        Assert.Null((string?)ping["action"]);
        Assert.Equal("OK", (string?)ping["status"]);
        Assert.Equal(202, (int)ping["status_code"]!);
        Assert.Equal("pull_request", (string?)merge["event"]);
        Assert.Equal("closed", (string?)merge["action"]);
        Assert.Equal("Invalid HTTP Response: 503", (string?)merge["status"]);
        Assert.Equal(503, (int)merge["status_code"]!);
        var repositoryId = (await Bed.Octokit.Repository.Get(GitHubTestBed.Owner, GitHubTestBed.Repo)).Id;
        foreach (var delivery in deliveries.Select(d => d!))
        {
            Assert.Equal(
                ["action", "delivered_at", "duration", "event", "guid", "id", "installation_id", "redelivery", "repository_id", "status", "status_code"],
                delivery.AsObject().Select(p => p.Key).Order());
            Assert.False((bool)delivery["redelivery"]!);
            Assert.True((double)delivery["duration"]! >= 0);
            Assert.True(DateTimeOffset.TryParse((string?)delivery["delivered_at"], out _));
            Assert.Null(delivery["installation_id"]);
            Assert.Equal(repositoryId, (long)delivery["repository_id"]!);
        }

        Assert.True((long)ping["id"]! > (long)merge["id"]!);
        Assert.Equal(Receiver.Received.Select(r => r.Headers["X-GitHub-Delivery"]).Reverse(), deliveries.Select(d => (string?)d!["guid"]));
        var hook = JsonNode.Parse(await http.GetStringAsync(Hooks + "/1"))!;
        Assert.Equal("""{"code":202,"status":"active","message":"OK"}""", hook["last_response"]!.ToJsonString());
    }

    [Fact]
    public async Task A_delivery_that_could_not_connect_redelivered_reaches_the_receiver_with_the_same_guid_body_and_a_valid_signature()
    {
        var pr = await Bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);
        Bed.Simulator.Options.WebhookUrl = new Uri($"http://127.0.0.1:{Free.Port()}/hook");
        await Bed.Simulator.MergeAsync(GitHubTestBed.Owner, GitHubTestBed.Repo, pr.Number);
        using var http = Bed.Http();
        var failed = Assert.Single((await GetArrayAsync(http, Hooks + "/1/deliveries")).Item2)!;
        Assert.Equal(0, (int)failed["status_code"]!);
        Assert.Equal("failed to connect to host", (string?)failed["status"]);
        Assert.Empty(Receiver.Received);

        Bed.Simulator.Options.WebhookUrl = Receiver.Url;
        using var redeliver = await http.PostAsync($"{Hooks}/1/deliveries/{(long)failed["id"]!}/attempts", null);

        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        Assert.Equal("{}", await redeliver.Content.ReadAsStringAsync());
        await Eventually.WaitAsync("the redelivery at the Receiver", () => Receiver.Received.Count == 1);
        var received = Assert.Single(Receiver.Received);
        Assert.Equal((string?)failed["guid"], received.Headers["X-GitHub-Delivery"]);
        Assert.Equal("pull_request", received.Headers["X-GitHub-Event"]);
        Assert.True(WebhookSignature.IsValid(Secret, received.Body, received.Headers["X-Hub-Signature-256"]));
        var original = Assert.Single(Bed.Simulator.WebhookDeliveries, d => !d.Redelivery);
        Assert.Equal(original.Body, Encoding.UTF8.GetString(received.Body));

        var deliveries = await Eventually.WaitAsync(
            "the redelivery in the hook's deliveries",
            async () => (await GetArrayAsync(http, Hooks + "/1/deliveries")).Item2,
            list => list.Count == 2,
            describe: list => list.ToJsonString());
        var redelivery = deliveries[0]!;
        Assert.True((bool)redelivery["redelivery"]!);
        Assert.Equal((string?)failed["guid"], (string?)redelivery["guid"]);
        Assert.NotEqual((long)failed["id"]!, (long)redelivery["id"]!);
        Assert.Equal(204, (int)redelivery["status_code"]!);
        Assert.Equal("OK", (string?)redelivery["status"]);
        Assert.Equal(failed.ToJsonString(), deliveries[1]!.ToJsonString());
        // GitHub never retries on its own: two attempts, the one asked for and the first.
        Assert.Equal(2, Bed.Simulator.WebhookDeliveries.Count);
    }

    [Fact]
    public async Task Redelivering_a_delivery_the_hook_never_made_is_GitHubs_404()
    {
        await Bed.Simulator.PingAsync(GitHubTestBed.Owner, GitHubTestBed.Repo);
        using var http = Bed.Http();

        using var unknownDelivery = await http.PostAsync(Hooks + "/1/deliveries/999999/attempts", null);
        using var unknownHook = await http.PostAsync(Hooks + "/2/deliveries/1/attempts", null);
        using var unknownRepository = await http.PostAsync("api/v3/repos/contoso/missing/hooks/1/deliveries/1/attempts", null);

        await AssertNotFoundAsync(unknownDelivery);
        await AssertNotFoundAsync(unknownHook);
        await AssertNotFoundAsync(unknownRepository);
        Assert.Single(Receiver.Received);
    }

    [Fact]
    public async Task Deliveries_page_by_cursor_with_a_next_Link_and_filter_redeliveries()
    {
        for (var i = 0; i < 3; i++)
        {
            await Bed.Simulator.PingAsync(GitHubTestBed.Owner, GitHubTestBed.Repo);
        }

        using var http = Bed.Http();
        var all = (await GetArrayAsync(http, Hooks + "/1/deliveries")).Item2.Select(d => (long)d!["id"]!).ToList();

        using var first = await http.GetAsync(Hooks + "/1/deliveries?per_page=2");
        var next = NextLink(first);
        Assert.Contains("cursor=", next.Query, StringComparison.Ordinal);
        using var second = await http.GetAsync(next);

        var paged = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray().Concat(JsonNode.Parse(await second.Content.ReadAsStringAsync())!.AsArray());
        Assert.Equal(all, paged.Select(d => (long)d!["id"]!));
        Assert.False(second.Headers.Contains("Link"));
        Assert.Empty((await GetArrayAsync(http, Hooks + "/1/deliveries?redelivery=true")).Item2);
        using var badCursor = await http.GetAsync(Hooks + "/1/deliveries?cursor=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
    }

    [Fact]
    public async Task The_new_routes_go_through_the_request_log_and_fault_injection()
    {
        Bed.Simulator.Faults.Add(new FaultRule("GET", "/repos/contoso/sites/hooks/1/deliveries") { StatusCode = 503 });
        using var http = Bed.Http();

        using var faulted = await http.GetAsync(Hooks + "/1/deliveries");
        using var answered = await http.GetAsync(Hooks + "/1/deliveries");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal([503, 200], Bed.Simulator.Log.ApiCalls.Where(c => c.Path.EndsWith("/hooks/1/deliveries", StringComparison.Ordinal)).Select(c => c.Status));
    }

    private static async Task<(HttpStatusCode, JsonArray)> GetArrayAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray());
    }

    private static Uri NextLink(HttpResponseMessage response)
    {
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        var next = link.Split(", ").Single(l => l.EndsWith("rel=\"next\"", StringComparison.Ordinal));
        return new Uri(next[1..next.IndexOf('>', StringComparison.Ordinal)]);
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Not Found", (string?)body["message"]);
        Assert.StartsWith("https://docs.github.com/rest/", (string?)body["documentation_url"], StringComparison.Ordinal);
    }
}
