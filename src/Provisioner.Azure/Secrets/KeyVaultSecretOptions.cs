using Microsoft.Extensions.Configuration;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Azure.Secrets;

/// <summary>Where <see cref="KeyVaultSecretProvider"/> reads secrets not given as app settings, and how long it keeps them.</summary>
public sealed class KeyVaultSecretOptions
{
    /// <summary>The vault's https URI (<see cref="SettingNames.KeyVaultUri"/>); null reads secrets from app settings only.</summary>
    [ConfigurationKeyName(SettingNames.KeyVaultUri)]
    public Uri? VaultUri { get; set; }

    /// <summary>
    /// How long a secret read from Key Vault is reused before it is read again, so a rotated
    /// secret is picked up without a restart. Default 5 minutes.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
