using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Tests.Harness;

namespace Provisioner.Api.Tests;

/// <summary>
/// What a client can send that is not a clean JSON provision request: every such body gets a 400
/// (or 415, 413, 408) problem naming what is wrong, never a 500, and nothing starts.
/// </summary>
public sealed class RequestBodyTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private const string Valid = "\"app_type\":\"frontend\",\"template_id\":\"static-site\"";

    public static TheoryData<string> Routes() => new() { "api/provisions", "api/provisions/preview" };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_escaped_lone_surrogate_is_a_400_naming_the_field(string route)
    {
        var response = await fixture.Host.PostAsync(route, "{\"domain\":\"\\ud800.example.com\"," + Valid + "}");

        AssertProblemNaming(response, 400, "domain");
        Assert.Contains("not valid Unicode", Error(response, "domain")["message"]!.GetValue<string>());
        await AssertNothingStartedAsync();
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Invalid_utf8_is_a_400_naming_the_field(string route)
    {
        byte[] body = [.. "{\"domain\":\"shop"u8.ToArray(), 0xC3, 0x28, .. ".example.com\","u8.ToArray(), .. Encoding.UTF8.GetBytes(Valid), .. "}"u8.ToArray()];

        var response = await fixture.Host.PostAsync(route, body);

        AssertProblemNaming(response, 400, "domain");
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task A_kelvin_sign_that_lower_cases_to_k_is_not_accepted_as_a_domain()
    {
        var response = await fixture.Host.PostAsync("api/provisions", "{\"domain\":\"\\u212Aey.example.com\"," + Valid + "}");

        AssertProblemNaming(response, 400, "domain");
        Assert.Contains("non-ASCII", Error(response, "domain")["message"]!.GetValue<string>());
        await AssertNothingStartedAsync();
    }

    [Fact]
    public async Task A_repeated_key_is_refused_naming_it_instead_of_the_last_one_winning()
    {
        var response = await fixture.Host.PostAsync("api/provisions", "{\"domain\":\"not a domain\",\"domain\":\"ok.example.com\"," + Valid + "}");

        AssertProblemNaming(response, 400, "domain");
        Assert.Contains("more than once", Error(response, "domain")["message"]!.GetValue<string>());
        await AssertNothingStartedAsync();
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    [InlineData(null)]
    public async Task A_body_not_declared_as_json_is_415_whatever_it_holds(string? contentType)
    {
        foreach (var route in new[] { "api/provisions", "api/provisions/preview" })
        {
            var response = await fixture.Host.PostAsync(route, "{\"domain\":\"typed.example.com\"," + Valid + "}", contentType);

            Assert.Equal(415, response.StatusCode);
            Assert.Equal("application/problem+json", response.ContentType);
            Assert.Equal("urn:provisioner:problem:unsupported-media-type", (string?)JsonNode.Parse(response.Body)!["type"]);
        }

        await AssertNothingStartedAsync();
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("Application/JSON")]
    public async Task Json_with_any_charset_parameter_is_read(string contentType)
    {
        var response = await fixture.Host.PostAsync("api/provisions/preview", "{\"domain\":\"charset.example.com\"," + Valid + "}", contentType);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_before_the_json_is_accepted()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"domain\":\"bom.example.com\"," + Valid + "}")];

        var response = await fixture.Host.PostAsync("api/provisions/preview", body);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("bom.example.com", (string?)JsonNode.Parse(response.Body)!["domain"]);
    }

    [Fact]
    public async Task A_huge_unknown_field_name_is_echoed_short()
    {
        var key = new string('k', 60_000);

        var response = await fixture.Host.PostAsync("api/provisions", "{\"" + key + "\":1,\"domain\":\"echo.example.com\"," + Valid + "}");

        Assert.Equal(400, response.StatusCode);
        Assert.True(response.Body.Length < 2_000, $"a 60 KB key came back as a {response.Body.Length}-character response");
        var error = Assert.Single(JsonNode.Parse(response.Body)!["errors"]!.AsArray())!;
        Assert.StartsWith("kkkk", (string?)error["field"]);
        Assert.EndsWith("…", (string?)error["field"]);
    }

    [Fact]
    public async Task Thousands_of_unknown_fields_are_listed_ten_at_most()
    {
        var fields = string.Join(",", Enumerable.Range(0, 3_000).Select(i => $"\"f{i}\":0"));

        var response = await fixture.Host.PostAsync("api/provisions", "{" + fields + ",\"domain\":\"many.example.com\"," + Valid + "}");

        Assert.Equal(400, response.StatusCode);
        var errors = JsonNode.Parse(response.Body)!["errors"]!.AsArray();
        Assert.Equal(11, errors.Count);
        Assert.Equal("2990 more unknown fields are not listed.", (string?)errors.Last()!["message"]);
        Assert.True(response.Body.Length < 5_000, $"{response.Body.Length} characters");
    }

    [Fact]
    public async Task A_value_quoted_back_is_never_cut_inside_a_surrogate_pair()
    {
        // 39 letters, then an emoji: cutting at 40 characters would keep half of it.
        var appType = new string('a', 39) + "\U0001F600" + "zzz";

        var response = await fixture.Host.PostAsync("api/provisions", "{\"domain\":\"cut.example.com\",\"app_type\":\"" + appType + "\",\"template_id\":\"static-site\"}");

        Assert.Equal(400, response.StatusCode);
        var message = Error(response, "app_type")["message"]!.GetValue<string>();
        Assert.DoesNotContain(message, char.IsSurrogate);
        Assert.Contains(new string('a', 39) + "…", message);
    }

    private static void AssertProblemNaming(TestResponse response, int status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = JsonNode.Parse(response.Body)!;
        Assert.Equal("urn:provisioner:problem:invalid-request", (string?)problem["type"]);
        Assert.Contains(problem["errors"]!.AsArray(), e => (string?)e!["field"] == field && !string.IsNullOrWhiteSpace((string?)e["fix"]));
    }

    private static JsonNode Error(TestResponse response, string field) =>
        JsonNode.Parse(response.Body)!["errors"]!.AsArray().First(e => (string?)e!["field"] == field)!;

    private async Task AssertNothingStartedAsync() =>
        Assert.Empty(await fixture.Host.Client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync());
}
