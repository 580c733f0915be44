using System.Text.Json.Nodes;
using Provisioner.Infra.Tests.Bicep;
using YamlDotNet.RepresentationModel;

namespace Provisioner.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class AzdTemplateTests(InfraBuild infra)
{
    [Fact]
    public void Azure_yaml_deploys_the_Functions_project_as_service_api_from_Bicep_in_infra()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(RepositoryFiles.Path("azure.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var infraNode = (YamlMappingNode)root["infra"];
        var services = (YamlMappingNode)root["services"];
        var api = (YamlMappingNode)Assert.Single(services.Children).Value;

        Assert.Equal("api", ((YamlScalarNode)services.Children.Single().Key).Value);
        Assert.Equal("bicep", infraNode["provider"].ToString());
        Assert.Equal("infra", infraNode["path"].ToString());
        Assert.Equal("main", infraNode["module"].ToString());
        Assert.Equal("src/Provisioner.Functions", api["project"].ToString());
        Assert.Equal("dotnet", api["language"].ToString());
        Assert.Equal("function", api["host"].ToString());
        Assert.True(Directory.Exists(RepositoryFiles.Path("src", "Provisioner.Functions")));
    }

    [Fact]
    public void The_deployed_app_carries_the_azd_service_tag()
    {
        var site = infra.Main.SingleResource("Microsoft.Web/sites");

        Assert.Contains("createObject('azd-service-name', 'api')", (string)site["tags"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parameters_file_fills_every_required_parameter_from_the_azd_environment()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = infra.Main.Root["parameters"]!.AsObject();

        Assert.Equal("${AZURE_ENV_NAME}", (string?)file["environmentName"]!["value"]);
        Assert.Equal("${AZURE_LOCATION}", (string?)file["location"]!["value"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", (string?)file["principalId"]!["value"]);
        foreach (var (name, _) in file)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets {name}, which main.bicep does not declare.");
            Assert.Matches(@"^\$\{[A-Z0-9_]+(=[A-Za-z0-9]*)?\}$", (string?)file[name]!["value"]);
        }

        foreach (var (name, declaration) in declared)
        {
            Assert.True(
                declaration!.AsObject().ContainsKey("defaultValue") || file.ContainsKey(name),
                $"main.bicep parameter {name} has no default and main.parameters.json does not set it.");
        }
    }

    [Fact]
    public void Secret_parameters_come_from_environment_variables_named_like_the_settings()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepositoryFiles.Path("infra", "main.parameters.json")))!["parameters"]!;

        Assert.Equal("${GITHUB_TOKEN}", (string?)file["gitHubToken"]!["value"]);
        Assert.Equal("${JENKINS_TOKEN}", (string?)file["jenkinsToken"]!["value"]);
        Assert.Equal("${WEBHOOK_SECRET}", (string?)file["webhookSecret"]!["value"]);
        Assert.Equal("${KUBECONFIG_CONTENT}", (string?)file["kubeConfigContent"]!["value"]);
    }
}
