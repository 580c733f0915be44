using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Azure.Secrets;

/// <summary>Checks <see cref="KeyVaultSecretOptions"/>; a bad vault address or cache duration stops the app at start-up.</summary>
internal sealed class KeyVaultSecretOptionsValidator : IValidateOptions<KeyVaultSecretOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultSecretOptions options)
    {
        var failures = new List<string>();
        if (VaultUriFailure(options.VaultUri) is { } vault)
        {
            failures.Add(vault);
        }

        if (options.CacheDuration <= TimeSpan.Zero)
        {
            failures.Add("KeyVaultSecretOptions.CacheDuration must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What is wrong with a vault address, or null when it is an https URI or not set.</summary>
    public static string? VaultUriFailure(Uri? vaultUri) =>
        vaultUri is null || (vaultUri.IsAbsoluteUri && vaultUri.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"{SettingNames.KeyVaultUri} must be the vault's https URI, e.g. https://kv-example.vault.azure.net/ (azd output AZURE_KEY_VAULT_ENDPOINT); got '{vaultUri.OriginalString}'.";
}
