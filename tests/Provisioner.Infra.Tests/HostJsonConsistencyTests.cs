using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioner.Infra.Tests.Bicep;

namespace Provisioner.Infra.Tests;

/// <summary>host.json (owned by the app) must agree with what the template and the sample provide.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class HostJsonConsistencyTests(InfraBuild infra)
{
    private static readonly JsonNode HostJson = JsonNode.Parse(
        File.ReadAllText(RepositoryFiles.Path("host.json")),
        documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    [Fact]
    public void Every_setting_host_json_refers_to_is_provided_on_Azure_and_locally()
    {
        var appSettings = infra.Main.Module("functionapp")["properties"]!["parameters"]!["appSettings"]!["value"]!.AsObject();
        var sample = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("local.settings.sample.json")))!["Values"]!.AsObject();

        foreach (var name in SettingReference().Matches(HostJson.ToJsonString()).Select(match => match.Groups[1].Value))
        {
            Assert.True(appSettings.ContainsKey(name), $"host.json uses %{name}% but infra/main.bicep does not set it.");
            Assert.True(sample.ContainsKey(name), $"host.json uses %{name}% but local.settings.sample.json does not set it.");
        }
    }

    [Fact]
    public void The_webhook_url_output_uses_the_host_route_prefix()
    {
        var routePrefix = (string?)HostJson["extensions"]?["http"]?["routePrefix"] ?? "api";
        var webhookUrl = (string)infra.Main.Root["outputs"]!["GITHUB_WEBHOOK_URL"]!["value"]!;

        Assert.Contains($"/{routePrefix}/github/webhook'", webhookUrl, StringComparison.Ordinal);
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
