using Microsoft.Extensions.Configuration;

namespace Provisioner.Workflow.Hosting;

/// <summary>Secrets from configuration only (app settings, Key Vault references, environment).</summary>
public sealed class ConfigurationSecretProvider(IConfiguration configuration) : ISecretProvider
{
    /// <inheritdoc/>
    public ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        var value = configuration[name];
        return ValueTask.FromResult(string.IsNullOrEmpty(value) ? null : value);
    }
}
