using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioner.Azure.Secrets;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Azure.Tests;

public sealed class AzureSecretsServiceCollectionExtensionsTests
{
    [Fact]
    public void Replaces_the_existing_secret_provider()
    {
        var configuration = Configuration([]);
        var services = new ServiceCollection();
        services.AddSingleton<ISecretProvider>(new ConfigurationSecretProvider(configuration));

        services.AddAzureSecrets(configuration);

        var registration = Assert.Single(services, descriptor => descriptor.ServiceType == typeof(ISecretProvider));
        Assert.Equal(ServiceLifetime.Singleton, registration.Lifetime);
        using var provider = services.BuildServiceProvider();
        Assert.IsType<KeyVaultSecretProvider>(provider.GetRequiredService<ISecretProvider>());
    }

    [Fact]
    public async Task With_a_vault_uri_an_app_setting_is_still_served_without_calling_Azure()
    {
        var configuration = Configuration(new()
        {
            [SettingNames.KeyVaultUri] = "https://kv-example.vault.azure.net/",
            [SettingNames.GitHubToken] = "placeholder-token",
        });
        using var provider = new ServiceCollection().AddAzureSecrets(configuration).BuildServiceProvider();

        var value = await provider.GetRequiredService<ISecretProvider>().GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None);

        Assert.Equal("placeholder-token", value);
    }

    [Theory]
    [InlineData("kv-example.vault.azure.net")]
    [InlineData("http://kv-example.vault.azure.net/")]
    public void A_vault_uri_that_is_not_https_fails_at_registration(string vaultUri)
    {
        var configuration = Configuration(new() { [SettingNames.KeyVaultUri] = vaultUri });

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddAzureSecrets(configuration));

        Assert.Contains(SettingNames.KeyVaultUri, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cache_duration_can_be_configured_and_must_be_positive()
    {
        var configuration = Configuration([]);
        using var configured = new ServiceCollection()
            .AddAzureSecrets(configuration, options => options.CacheDuration = TimeSpan.FromMinutes(1))
            .BuildServiceProvider();
        using var invalid = new ServiceCollection()
            .AddAzureSecrets(configuration, options => options.CacheDuration = TimeSpan.Zero)
            .BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(1), configured.GetRequiredService<IOptions<KeyVaultSecretOptions>>().Value.CacheDuration);
        Assert.Throws<OptionsValidationException>(() => invalid.GetRequiredService<ISecretProvider>());
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
