using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provisioner.Azure.Secrets;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Azure;

/// <summary>Registers Azure hosting services.</summary>
public static class AzureSecretsServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the <see cref="ISecretProvider"/> registration with one that reads configuration
    /// first and, when <see cref="SettingNames.KeyVaultUri"/> is set, falls back to Key Vault
    /// (DefaultAzureCredential: the managed identity on Azure, <c>az login</c> locally).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The app's configuration (app settings, environment).</param>
    /// <param name="configure">Optional: change <see cref="KeyVaultSecretOptions"/> such as the cache duration.</param>
    /// <exception cref="InvalidOperationException"><see cref="SettingNames.KeyVaultUri"/> is set but is not an https URI.</exception>
    public static IServiceCollection AddAzureSecrets(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<KeyVaultSecretOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var vaultUri = ParseVaultUri(configuration[SettingNames.KeyVaultUri]);

        services.AddOptions<KeyVaultSecretOptions>()
            .Configure(options => configure?.Invoke(options))
            .Validate(options => options.CacheDuration > TimeSpan.Zero, "KeyVaultSecretOptions.CacheDuration must be positive.")
            .ValidateOnStart();

        services.RemoveAll<ISecretProvider>();
        services.AddSingleton<ISecretProvider>(provider => new KeyVaultSecretProvider(
            configuration,
            vaultUri is null ? null : new SecretClient(vaultUri, new DefaultAzureCredential()),
            provider.GetRequiredService<IOptions<KeyVaultSecretOptions>>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<KeyVaultSecretProvider>>() ?? NullLogger<KeyVaultSecretProvider>.Instance));
        return services;
    }

    private static Uri? ParseVaultUri(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException(
                $"{SettingNames.KeyVaultUri} must be the vault's https URI, e.g. https://kv-example.vault.azure.net/ (azd output AZURE_KEY_VAULT_ENDPOINT); got '{value}'.");
        }

        return uri;
    }
}
