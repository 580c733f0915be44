namespace Provisioner.Azure.Secrets;

/// <summary>How <see cref="KeyVaultSecretProvider"/> caches secrets read from Key Vault.</summary>
public sealed class KeyVaultSecretOptions
{
    /// <summary>
    /// How long a secret read from Key Vault is reused before it is read again, so a rotated
    /// secret is picked up without a restart. Default 5 minutes.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);
}
