using System.Collections.Concurrent;
using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Azure.Secrets;

/// <summary>
/// Resolves a secret from configuration first (an app setting, a Key Vault reference the platform
/// resolved, an environment variable); otherwise, for a name in <see cref="SettingNames.Secrets"/>
/// and when <see cref="SettingNames.KeyVaultUri"/> is set, from Key Vault, cached for
/// <see cref="KeyVaultSecretOptions.CacheDuration"/> so a rotated secret is picked up without a
/// restart. A Key Vault reference the platform could not resolve counts as not configured.
/// Values are never logged nor put in exception messages.
/// </summary>
internal sealed partial class KeyVaultSecretProvider(
    IConfiguration configuration,
    SecretClient? secretClient,
    IOptions<KeyVaultSecretOptions> options,
    TimeProvider timeProvider,
    ILogger<KeyVaultSecretProvider> logger) : ISecretProvider
{
    private readonly ConcurrentDictionary<string, CachedSecret> cache = new(StringComparer.Ordinal);

    // Read once so invalid options fail when the provider is created, not on the first secret.
    private readonly TimeSpan cacheDuration = options.Value.CacheDuration;

    public async ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        var configured = configuration[name];
        var unresolvedReference = !string.IsNullOrEmpty(configured) && KeyVaultReference.IsUnresolved(configured);
        if (!string.IsNullOrEmpty(configured) && !unresolvedReference)
        {
            return configured;
        }

        if (!SettingNames.Secrets.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        if (secretClient is null)
        {
            if (unresolvedReference)
            {
                throw new PermanentIntegrationException(
                    $"The app setting {name} is a Key Vault reference the platform could not resolve. " +
                    $"Check that Key Vault secret {KeyVaultSecretName.ForSetting(name)} exists and that the app's managed identity " +
                    $"has the 'Key Vault Secrets User' role on the vault, or set {SettingNames.KeyVaultUri} so the app reads it itself.");
            }

            return null;
        }

        if (unresolvedReference)
        {
            LogUnresolvedReference(name);
        }

        return await ReadFromKeyVaultAsync(secretClient, name, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<string?> ReadFromKeyVaultAsync(SecretClient client, string name, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (cache.TryGetValue(name, out var cached) && now < cached.ExpiresAt)
        {
            return cached.Value;
        }

        var secretName = KeyVaultSecretName.ForSetting(name);
        var expiresAt = now + cacheDuration;
        try
        {
            var response = await client.GetSecretAsync(secretName, version: null, cancellationToken).ConfigureAwait(false);
            var value = string.IsNullOrEmpty(response.Value.Value) ? null : response.Value.Value;
            cache[name] = new CachedSecret(value, expiresAt);
            LogReadFromKeyVault(name, secretName);
            return value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            cache[name] = new CachedSecret(null, expiresAt);
            LogMissingInKeyVault(name, secretName);
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            throw new PermanentIntegrationException(
                $"Key Vault {VaultUri(client)} refused to read secret {secretName} (setting {name}): HTTP {e.Status} {e.ErrorCode}. " +
                "Give the app's managed identity (or your signed-in account, locally) the 'Key Vault Secrets User' role on the vault; " +
                "the vault must use Azure RBAC (enableRbacAuthorization).", e);
        }
        catch (AuthenticationFailedException e)
        {
            throw new PermanentIntegrationException(
                $"Could not get a token to read secret {secretName} (setting {name}) from Key Vault {VaultUri(client)}. " +
                "On Azure enable the Function App's system-assigned managed identity; locally sign in with `az login` " +
                $"or set {name} in local.settings.json.", e);
        }
        catch (Exception e) when (IsTransient(e, cancellationToken))
        {
            if (cached is not null)
            {
                // Keep serving the last value read rather than failing a step for a Key Vault blip;
                // the expired entry makes the next call try again.
                LogServingStale(name, secretName, StatusOf(e));
                return cached.Value;
            }

            throw new TransientIntegrationException(
                $"Key Vault {VaultUri(client)} did not answer reading secret {secretName} (setting {name}): {StatusOf(e)}. It will be retried.", e);
        }
        catch (RequestFailedException e)
        {
            throw new PermanentIntegrationException(
                $"Key Vault {VaultUri(client)} rejected reading secret {secretName} (setting {name}): HTTP {e.Status} {e.ErrorCode}. " +
                $"Check {SettingNames.KeyVaultUri} and the secret name.", e);
        }
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException e => e.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string StatusOf(Exception exception) => exception switch
    {
        RequestFailedException { Status: > 0 } e => $"HTTP {e.Status} {e.ErrorCode}".TrimEnd(),
        OperationCanceledException => "timed out",
        _ => exception.GetType().Name,
    };

    private static string VaultUri(SecretClient client) => client.VaultUri?.ToString() ?? "(unknown vault)";

    private sealed record CachedSecret(string? Value, DateTimeOffset ExpiresAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Read secret {SecretName} for setting {SettingName} from Key Vault.")]
    private partial void LogReadFromKeyVault(string settingName, string secretName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key Vault has no secret {SecretName} for setting {SettingName}.")]
    private partial void LogMissingInKeyVault(string settingName, string secretName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "App setting {SettingName} is an unresolved Key Vault reference; reading Key Vault directly.")]
    private partial void LogUnresolvedReference(string settingName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key Vault did not answer for secret {SecretName} (setting {SettingName}): {Status}; using the value read before.")]
    private partial void LogServingStale(string settingName, string secretName, string status);
}
