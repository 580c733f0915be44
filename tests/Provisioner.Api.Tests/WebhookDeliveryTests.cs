using System.Text;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Tests.Harness;
using Provisioner.GitHub.Webhooks;

namespace Provisioner.Api.Tests;

/// <summary>Signed deliveries that are not what GitHub sends: a 400 or 415 problem naming what is wrong, never a 500, and nothing reaches a provision.</summary>
public sealed class WebhookDeliveryTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task A_signed_delivery_with_an_escaped_lone_surrogate_is_a_400_naming_the_field()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"action\":\"closed\",\"pull_request\":{\"number\":1,\"merged\":true,\"head\":{\"ref\":\"provision/\\udc00\"}},\"repository\":{\"full_name\":\"contoso/sites\"}}");

        var response = await DeliverSignedAsync(body);

        AssertNamesField(response, "pull_request.head.ref");
        await AssertNothingDeliveredAsync();
    }

    [Fact]
    public async Task A_signed_delivery_with_invalid_utf8_is_a_400_naming_the_field()
    {
        byte[] body =
        [
            .. "{\"action\":\"closed\",\"pull_request\":{\"number\":1,\"merged\":true,\"head\":{\"ref\":\"provision/"u8.ToArray(),
            0xFF, 0xFE,
            .. "\"}},\"repository\":{\"full_name\":\"contoso/sites\"}}"u8.ToArray(),
        ];

        var response = await DeliverSignedAsync(body);

        AssertNamesField(response, "pull_request.head.ref");
        await AssertNothingDeliveredAsync();
    }

    [Fact]
    public async Task A_webhook_set_to_form_encoding_gets_a_415_saying_to_use_json()
    {
        var body = Encoding.UTF8.GetBytes("payload=%7B%22zen%22%3A%22x%22%7D");

        var response = await fixture.Host.DeliverAsync(body, new Dictionary<string, string?>
        {
            ["Content-Type"] = "application/x-www-form-urlencoded",
            [GitHubDelivery.EventHeader] = "ping",
            [GitHubDelivery.DeliveryHeader] = Guid.NewGuid().ToString(),
            [WebhookSignature.Header] = WebhookSignature.Sign(WorkflowHost.WebhookSecret, body),
        });

        Assert.Equal(415, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("application/json", (string?)JsonNode.Parse(response.Body)!["detail"]);
    }

    [Fact]
    public async Task An_unsigned_form_delivery_is_still_a_401_first()
    {
        var response = await fixture.Host.DeliverAsync("payload=x"u8.ToArray(), new Dictionary<string, string?>
        {
            ["Content-Type"] = "application/x-www-form-urlencoded",
            [GitHubDelivery.EventHeader] = "ping",
        });

        Assert.Equal(401, response.StatusCode);
    }

    private Task<TestResponse> DeliverSignedAsync(byte[] body) => fixture.Host.DeliverAsync(body, new Dictionary<string, string?>
    {
        [GitHubDelivery.EventHeader] = "pull_request",
        [GitHubDelivery.DeliveryHeader] = Guid.NewGuid().ToString(),
        [WebhookSignature.Header] = WebhookSignature.Sign(WorkflowHost.WebhookSecret, body),
    });

    private static void AssertNamesField(TestResponse response, string field)
    {
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        var error = Assert.Single(JsonNode.Parse(response.Body)!["errors"]!.AsArray())!;
        Assert.Equal(field, (string?)error["field"]);
        Assert.Contains("not valid Unicode", (string?)error["message"]);
    }

    private async Task AssertNothingDeliveredAsync() =>
        Assert.Empty(await fixture.Host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "github-delivery:" }).ToListAsync());
}
