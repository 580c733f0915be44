using System.Text.Json.Nodes;
using Provisioner.Api.Tests.Harness;

namespace Provisioner.Api.Tests;

/// <summary>GET /api/provisions: newest first, paged with a continuation token, filtered by status and domain.</summary>
public sealed class ListProvisionsTests
{
    [Fact]
    public async Task Pages_list_every_provision_once_newest_first_and_the_next_link_follows_them()
    {
        await using var host = await WorkflowHost.StartAsync();
        var started = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = await host.StartAcceptedAsync($"page-{i}.example.com");
            await host.WaitForStatusAsync(id, "AwaitingApproval");
            started.Add(id);
        }

        var seen = new List<JsonNode>();
        var pages = 0;
        for (var url = "api/provisions?page_size=2"; url is not null; pages++)
        {
            var page = await GetAsync(host, url);
            Assert.InRange(page["provisions"]!.AsArray().Count, 1, 2);
            seen.AddRange(page["provisions"]!.AsArray().Select(p => p!));
            url = (string?)page["next"];
            Assert.Equal(url is null, page["continuation_token"] is null);
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(started), seen.Select(p => (string)p["provision_id"]!));
        Assert.All(seen, p => Assert.Equal($"http://provisioner.test/api/provisions/{(string)p["provision_id"]!}", (string?)p["links"]!["self"]));
    }

    [Fact]
    public async Task Filters_by_domain_and_by_status()
    {
        await using var host = await WorkflowHost.StartAsync();
        var first = await host.StartAcceptedAsync("filter.example.com");
        await host.WaitForStatusAsync(first, "AwaitingApproval");
        Assert.Equal(202, (await host.CancelProvisionAsync(first)).StatusCode);
        await host.WaitForStatusAsync(first, "Cancelled");
        await host.WaitForLockReleaseAsync("filter.example.com");
        var second = await host.StartAcceptedAsync("filter.example.com");
        var other = await host.StartAcceptedAsync("other.example.com");
        await host.WaitForStatusAsync(second, "AwaitingApproval");
        await host.WaitForStatusAsync(other, "AwaitingApproval");

        var ofDomain = await GetAsync(host, "api/provisions?domain=Filter.Example.COM");
        var cancelled = await GetAsync(host, "api/provisions?status=Cancelled");
        var waiting = await GetAsync(host, "api/provisions?status=AwaitingApproval&domain=filter.example.com");

        Assert.Equal([second, first], Ids(ofDomain));
        Assert.Equal([first], Ids(cancelled));
        Assert.Equal([second], Ids(waiting));
    }

    [Theory]
    [InlineData("status=Bogus", "status")]
    [InlineData("status=1", "status")]
    [InlineData("domain=bad_domain", "domain")]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("page_size=ten", "page_size")]
    [InlineData("continuation_token=not-a-token", "continuation_token")]
    [InlineData("status=Pending&status=Failed", "status")]
    public async Task A_bad_query_value_is_a_400_problem_naming_it(string query, string field)
    {
        await using var host = await WorkflowHost.StartAsync();

        var response = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/provisions?" + query));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        var error = Assert.Single(JsonNode.Parse(response.Body)!["errors"]!.AsArray())!;
        Assert.Equal(field, (string?)error["field"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["fix"]));
    }

    private static string[] Ids(JsonNode page) => page["provisions"]!.AsArray().Select(p => (string)p!["provision_id"]!).ToArray();

    private static async Task<JsonNode> GetAsync(WorkflowHost host, string url)
    {
        var response = await host.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
        Assert.Equal(200, response.StatusCode);
        return JsonNode.Parse(response.Body)!;
    }
}
