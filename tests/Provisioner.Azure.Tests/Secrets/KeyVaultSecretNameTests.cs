using System.Text.RegularExpressions;
using Provisioner.Azure.Secrets;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Azure.Tests.Secrets;

public sealed class KeyVaultSecretNameTests
{
    [Theory]
    [InlineData("GITHUB_TOKEN", "GITHUB-TOKEN")]
    [InlineData("JENKINS_TOKEN", "JENKINS-TOKEN")]
    [InlineData("WEBHOOK_SECRET", "WEBHOOK-SECRET")]
    [InlineData("KUBECONFIG_CONTENT", "KUBECONFIG-CONTENT")]
    public void Underscores_become_dashes(string setting, string secret) =>
        Assert.Equal(secret, KeyVaultSecretName.ForSetting(setting));

    [Fact]
    public void Every_secret_setting_maps_to_a_valid_Key_Vault_secret_name()
    {
        var valid = new Regex("^[0-9A-Za-z-]{1,127}$");
        Assert.All(SettingNames.Secrets, name => Assert.Matches(valid, KeyVaultSecretName.ForSetting(name)));
    }
}
