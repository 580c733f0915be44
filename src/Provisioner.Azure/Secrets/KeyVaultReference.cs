namespace Provisioner.Azure.Secrets;

/// <summary>
/// App Service resolves <c>@Microsoft.KeyVault(...)</c> app settings before the app starts; when it
/// cannot (no access yet, secret missing) it hands the app the reference text itself.
/// </summary>
internal static class KeyVaultReference
{
    private const string Prefix = "@Microsoft.KeyVault(";

    public static bool IsUnresolved(string value) =>
        value.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);
}
