using System.Text.Json.Nodes;
using Provisioner.Api.Tests.Harness;

namespace Provisioner.Api.Tests;

/// <summary>What counts as the same domain, end to end.</summary>
public sealed class DomainNormalizationTests
{
    [Fact]
    public async Task Padded_mixed_case_domain_provisions_the_lower_case_host()
    {
        await using var host = await WorkflowHost.StartAsync();

        var response = await host.StartProvisionAsync(" Shop.Example.COM ");

        Assert.Equal(202, response.StatusCode);
        var body = JsonNode.Parse(response.Body)!;
        Assert.Equal("shop.example.com", (string?)body["domain"]);
        var id = (string)body["provision_id"]!;
        var view = await host.WaitForStatusAsync(id, "AwaitingApproval");
        Assert.Equal("shop.example.com", (string?)view["domain"]);
        Assert.Equal("shop.example.com", Assert.Single(host.SourceControl.Requests).Domain);
    }
}
