using System.Text.Json.Nodes;
using Provisioner.Infra.Tests.Bicep;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class AppSettingsTests(InfraBuild infra)
{
    public static TheoryData<string> SettingNames() => SettingNameSource.Theory();

    private JsonObject AppSettings =>
        infra.Main.Module("functionapp")["properties"]!["parameters"]!["appSettings"]!["value"]!.AsObject();

    [Fact]
    public void Setting_names_are_found_by_reflection()
    {
        Assert.Contains(Workflow.Hosting.SettingNames.GitHubToken, SettingNameSource.All);
        Assert.Subset(SettingNameSource.All.ToHashSet(), Workflow.Hosting.SettingNames.Secrets.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(SettingNames))]
    public void Every_setting_name_is_an_app_setting(string name) =>
        Assert.True(AppSettings.ContainsKey(name), $"infra/main.bicep does not give the app setting {name}.");

    [Fact]
    public void Secrets_are_versionless_Key_Vault_references_named_with_dashes()
    {
        foreach (var name in Workflow.Hosting.SettingNames.Secrets)
        {
            var value = (string)AppSettings[name]!;
            Assert.Contains("@Microsoft.KeyVault(SecretUri={0}secrets/" + name.Replace('_', '-') + ")", value, StringComparison.Ordinal);
            Assert.Contains("'keyvault'", value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Non_secret_settings_are_never_Key_Vault_references()
    {
        var nonSecrets = SettingNameSource.All.Except(Workflow.Hosting.SettingNames.Secrets);

        Assert.All(nonSecrets, name => Assert.DoesNotContain("Microsoft.KeyVault", (string)AppSettings[name]!, StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_knows_its_Key_Vault_and_task_hub()
    {
        Assert.Contains("outputs.uri.value", (string)AppSettings[Workflow.Hosting.SettingNames.KeyVaultUri]!, StringComparison.Ordinal);
        Assert.Equal("[parameters('taskHubName')]", (string?)AppSettings["TASKHUB_NAME"]);
    }

    [Fact]
    public void Outputs_give_the_app_url_and_the_GitHub_webhook_url()
    {
        var outputs = infra.Main.Root["outputs"]!;

        Assert.Equal("[format('https://{0}', reference(extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, format('rg-{0}', parameters('environmentName'))), 'Microsoft.Resources/deployments', 'functionapp'), '2025-04-01').outputs.defaultHostName.value)]",
            (string?)outputs["FUNCTION_APP_URL"]!["value"]);
        Assert.StartsWith("[format('https://{0}/api/github/webhook'", (string?)outputs["GITHUB_WEBHOOK_URL"]!["value"], StringComparison.Ordinal);
    }
}
