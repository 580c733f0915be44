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
    /// <see cref="KeyVaultSecretOptions"/> are bound from <paramref name="configuration"/> and checked at start-up.
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

        // A vault address that is not https is a deployment mistake: refuse it here, before anything runs.
        if (KeyVaultSecretOptionsValidator.VaultUriFailure(configuration.Get<KeyVaultSecretOptions>()?.VaultUri) is { } failure)
        {
            throw new InvalidOperationException(failure);
        }

        services.AddOptions<KeyVaultSecretOptions>()
            .Bind(configuration)
            .Configure(options => configure?.Invoke(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyVaultSecretOptions>, KeyVaultSecretOptionsValidator>());

        services.RemoveAll<ISecretProvider>();
        services.AddSingleton<ISecretProvider>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyVaultSecretOptions>>();
            return new KeyVaultSecretProvider(
                configuration,
                options.Value.VaultUri is { } vaultUri ? new SecretClient(vaultUri, new DefaultAzureCredential()) : null,
                options,
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetService<ILogger<KeyVaultSecretProvider>>() ?? NullLogger<KeyVaultSecretProvider>.Instance);
        });
        return services;
    }
}
