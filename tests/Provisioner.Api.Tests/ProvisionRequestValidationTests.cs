using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Tests.Harness;

namespace Provisioner.Api.Tests;

/// <summary>POST /api/provisions with bad bodies: 400 problem+json naming each bad field and its fix; nothing starts.</summary>
public sealed class ProvisionRequestValidationTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    private const string Valid = "\"app_type\":\"frontend\",\"template_id\":\"static-site\"";

    public static TheoryData<string, string, string[]> BadBodies() => new()
    {
        // Not a provision request at all.
        { "empty body", "", ["body"] },
        { "not JSON", "domain=shop.example.com", ["body"] },
        { "truncated JSON", "{\"domain\":\"shop.example.com\"", ["body"] },
        { "JSON array", "[]", ["body"] },
        { "JSON string", "\"shop.example.com\"", ["body"] },
        { "JSON null", "null", ["body"] },
        { "empty object", "{}", ["domain", "app_type", "template_id"] },
        // Fields missing, mistyped or unknown.
        { "missing domain", $"{{{Valid}}}", ["domain"] },
        { "null domain", $"{{\"domain\":null,{Valid}}}", ["domain"] },
        { "numeric domain", $"{{\"domain\":42,{Valid}}}", ["domain"] },
        { "domain as object", $"{{\"domain\":{{\"host\":\"a.b\"}},{Valid}}}", ["domain"] },
        { "blank domain", $"{{\"domain\":\"   \",{Valid}}}", ["domain"] },
        { "camelCase field names", "{\"domain\":\"shop.example.com\",\"appType\":\"frontend\",\"templateId\":\"static-site\"}", ["appType", "templateId", "app_type", "template_id"] },
        // Domains that are not RFC 1123 host names.
        { "unicode domain", $"{{\"domain\":\"bücher.example.com\",{Valid}}}", ["domain"] },
        { "emoji domain", $"{{\"domain\":\"☕.example.com\",{Valid}}}", ["domain"] },
        { "underscore", $"{{\"domain\":\"my_shop.example.com\",{Valid}}}", ["domain"] },
        { "trailing dot", $"{{\"domain\":\"shop.example.com.\",{Valid}}}", ["domain"] },
        { "leading dot", $"{{\"domain\":\".shop.example.com\",{Valid}}}", ["domain"] },
        { "double dot", $"{{\"domain\":\"shop..example.com\",{Valid}}}", ["domain"] },
        { "IPv4 address", $"{{\"domain\":\"192.168.10.1\",{Valid}}}", ["domain"] },
        { "IPv6 address", $"{{\"domain\":\"[::1]\",{Valid}}}", ["domain"] },
        { "254 characters", $"{{\"domain\":\"{string.Join('.', Enumerable.Repeat(new string('a', 62), 4))}.ab\",{Valid}}}", ["domain"] },
        { "64-character label", $"{{\"domain\":\"{new string('a', 64)}.example.com\",{Valid}}}", ["domain"] },
        { "single label", $"{{\"domain\":\"localhost\",{Valid}}}", ["domain"] },
        { "wildcard", $"{{\"domain\":\"*.example.com\",{Valid}}}", ["domain"] },
        { "scheme", $"{{\"domain\":\"https://shop.example.com\",{Valid}}}", ["domain"] },
        { "port", $"{{\"domain\":\"shop.example.com:8443\",{Valid}}}", ["domain"] },
        { "path", $"{{\"domain\":\"shop.example.com/admin\",{Valid}}}", ["domain"] },
        { "label starting with a hyphen", $"{{\"domain\":\"-shop.example.com\",{Valid}}}", ["domain"] },
        { "label ending with a hyphen", $"{{\"domain\":\"shop-.example.com\",{Valid}}}", ["domain"] },
        { "space inside", $"{{\"domain\":\"my shop.example.com\",{Valid}}}", ["domain"] },
        { "newline injection", $"{{\"domain\":\"shop.example.com\\nhost: evil.com\",{Valid}}}", ["domain"] },
        // app_type and template_id.
        { "wrong app_type", "{\"domain\":\"shop.example.com\",\"app_type\":\"database\",\"template_id\":\"static-site\"}", ["app_type"] },
        { "capitalized app_type", "{\"domain\":\"shop.example.com\",\"app_type\":\"Frontend\",\"template_id\":\"static-site\"}", ["app_type"] },
        { "numeric app_type", "{\"domain\":\"shop.example.com\",\"app_type\":0,\"template_id\":\"static-site\"}", ["app_type"] },
        { "missing app_type", "{\"domain\":\"shop.example.com\",\"template_id\":\"static-site\"}", ["app_type"] },
        { "unknown template", "{\"domain\":\"shop.example.com\",\"app_type\":\"frontend\",\"template_id\":\"wordpress\"}", ["template_id"] },
        { "template of the other app type", "{\"domain\":\"shop.example.com\",\"app_type\":\"frontend\",\"template_id\":\"dotnet-api\"}", ["template_id"] },
        { "missing template_id", "{\"domain\":\"shop.example.com\",\"app_type\":\"backend\"}", ["template_id"] },
        { "everything wrong at once", "{\"domain\":\"bad_domain\",\"app_type\":\"mobile\",\"template_id\":\"nope\"}", ["domain", "app_type", "template_id"] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_body_is_a_400_problem_naming_each_field_with_a_fix_and_starts_nothing(string because, string body, string[] fields)
    {
        var response = await fixture.Host.PostAsync("api/provisions", body);

        Assert.True(response.StatusCode == 400, because);
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = JsonNode.Parse(response.Body)!;
        Assert.Equal(400, (int?)problem["status"]);
        Assert.Equal("urn:provisioner:problem:invalid-request", (string?)problem["type"]);
        Assert.Contains("Nothing was started", (string?)problem["detail"]);
        var errors = problem["errors"]!.AsArray();
        Assert.Equal(fields.Order(), errors.Select(e => (string)e!["field"]!).Order());
        Assert.All(errors, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)e!["message"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)e["fix"]));
        });
        Assert.Empty(await fixture.Host.Client.GetAllInstancesAsync(new OrchestrationQuery()).ToListAsync());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_parsing()
    {
        var body = "{\"domain\":\"" + new string('a', 70_000) + "\"}";

        var response = await fixture.Host.PostAsync("api/provisions", body);

        Assert.Equal(413, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public void The_table_has_at_least_thirty_bad_bodies() => Assert.True(BadBodies().Count() >= 30);
}
