using System.Text.Json.Nodes;
using Provisioner.Infra.Tests.Bicep;

namespace Provisioner.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class SecurityPostureTests(InfraBuild infra)
{
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";

    private JsonObject Site => infra.Main.SingleResource("Microsoft.Web/sites");

    [Fact]
    public void The_function_app_is_https_only_with_TLS_1_2_and_no_FTP()
    {
        var properties = Site["properties"]!;
        var siteConfig = properties["siteConfig"]!;

        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("1.2", (string?)siteConfig["minTlsVersion"]);
        Assert.Equal("1.2", (string?)siteConfig["scmMinTlsVersion"]);
        Assert.Equal("Disabled", (string?)siteConfig["ftpsState"]);
    }

    [Fact]
    public void The_function_app_has_a_system_assigned_identity_used_for_Key_Vault_references()
    {
        Assert.Equal("SystemAssigned", (string?)Site["identity"]!["type"]);
        Assert.Equal("SystemAssigned", (string?)Site["properties"]!["keyVaultReferenceIdentity"]);
    }

    [Fact]
    public void Publishing_passwords_are_disabled()
    {
        var policies = infra.Main.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False((bool)policy["properties"]!["allow"]!));
    }

    [Fact]
    public void The_app_runs_dotnet_10_isolated_on_Linux_on_Flex_Consumption_or_Elastic_Premium()
    {
        var plan = infra.Main.SingleResource("Microsoft.Web/serverfarms");
        var flexConfig = (string)Site["properties"]!["functionAppConfig"]!;
        var linuxFxVersion = (string)Site["properties"]!["siteConfig"]!["linuxFxVersion"]!;

        Assert.Equal("functionapp,linux", (string?)Site["kind"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
        Assert.Contains("'FC1'", (string)plan["sku"]!, StringComparison.Ordinal);
        Assert.Contains("'EP1'", (string)plan["sku"]!, StringComparison.Ordinal);
        Assert.Contains("createObject('name', 'dotnet-isolated', 'version', '10.0')", flexConfig, StringComparison.Ordinal);
        Assert.Contains("'DOTNET-ISOLATED|10.0'", linuxFxVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_Vault_uses_RBAC_and_the_app_identity_is_Key_Vault_Secrets_User()
    {
        var vault = infra.Main.SingleResource("Microsoft.KeyVault/vaults");
        var assignment = SingleRoleAssignment(KeyVaultSecretsUser);

        Assert.True((bool)vault["properties"]!["enableRbacAuthorization"]!);
        Assert.True((bool)vault["properties"]!["enableSoftDelete"]!);
        Assert.Contains("Microsoft.KeyVault/vaults", (string)assignment["scope"]!, StringComparison.Ordinal);
        AssertGrantedToTheAppIdentity(assignment);
    }

    [Fact]
    public void Storage_refuses_public_blobs_shared_keys_and_old_TLS()
    {
        var properties = infra.Main.SingleResource("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
    }

    [Theory]
    [InlineData(StorageBlobDataOwner)]
    [InlineData(StorageQueueDataContributor)]
    [InlineData(StorageTableDataContributor)]
    public void The_app_identity_has_the_storage_data_roles_the_host_and_Durable_need(string roleId)
    {
        var assignment = SingleRoleAssignment(roleId);

        Assert.Contains("Microsoft.Storage/storageAccounts", (string)assignment["scope"]!, StringComparison.Ordinal);
        AssertGrantedToTheAppIdentity(assignment);
    }

    [Fact]
    public void The_host_reaches_storage_by_identity_not_by_key()
    {
        var functionApp = Arm.ArmTemplate.ModuleTemplate(infra.Main.Module("functionapp"));
        var hostSettings = functionApp.Root["variables"]!["hostSettings"]!.AsArray()
            .ToDictionary(setting => (string)setting!["name"]!, setting => (string?)setting!["value"]);

        Assert.Equal("[parameters('storageAccountName')]", hostSettings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", hostSettings["AzureWebJobsStorage__credential"]);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", hostSettings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", hostSettings.Keys);
        Assert.DoesNotContain("listKeys", functionApp.Root.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_settings_Flex_forbids_are_only_given_on_Elastic_Premium()
    {
        var functionApp = Arm.ArmTemplate.ModuleTemplate(infra.Main.Module("functionapp"));
        var premium = functionApp.Root["variables"]!["premiumSettings"]!.AsArray()
            .ToDictionary(setting => (string)setting!["name"]!, setting => (string?)setting!["value"]);
        var appSettings = (string)Site["properties"]!["siteConfig"]!["appSettings"]!;

        Assert.Equal("~4", premium["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal("dotnet-isolated", premium["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Contains("if(variables('isFlex'), createArray(), variables('premiumSettings'))", appSettings, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_are_secure_parameters_written_to_Key_Vault_only_when_given()
    {
        var secrets = infra.Main.ResourcesOfType("Microsoft.KeyVault/vaults/secrets");
        var mainParameters = infra.Main.Root["parameters"]!.AsObject();

        Assert.Equal(
            ["GITHUB-TOKEN", "JENKINS-TOKEN", "KUBECONFIG-CONTENT", "WEBHOOK-SECRET"],
            secrets.Select(secret => ((string)secret["name"]!).Split('\'')[^2]).Order());
        Assert.All(secrets, secret => Assert.StartsWith("[not(empty(parameters(", (string?)secret["condition"], StringComparison.Ordinal));
        foreach (var name in new[] { "gitHubToken", "jenkinsToken", "webhookSecret", "kubeConfigContent" })
        {
            Assert.Equal("securestring", (string?)mainParameters[name]!["type"], ignoreCase: true);
            Assert.Equal(string.Empty, (string?)mainParameters[name]!["defaultValue"]);
        }
    }

    private JsonObject SingleRoleAssignment(string roleId) =>
        Assert.Single(infra.Main.ResourcesOfType("Microsoft.Authorization/roleAssignments"), assignment =>
            ((string)assignment["properties"]!["roleDefinitionId"]!).Contains(roleId, StringComparison.Ordinal));

    private static void AssertGrantedToTheAppIdentity(JsonObject assignment)
    {
        var principalId = (string)assignment["properties"]!["principalId"]!;
        Assert.StartsWith("[reference(resourceId('Microsoft.Web/sites'", principalId, StringComparison.Ordinal);
        Assert.EndsWith(".identity.principalId]", principalId, StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
    }
}
