namespace Provisioner.Azure.Secrets;

/// <summary>
/// Key Vault secret names allow only letters, digits and '-', so a setting name maps to its secret
/// name by turning '_' into '-': GITHUB_TOKEN is the secret GITHUB-TOKEN (infra/main.bicep uses
/// the same names).
/// </summary>
internal static class KeyVaultSecretName
{
    public static string ForSetting(string settingName) => settingName.Replace('_', '-');
}
