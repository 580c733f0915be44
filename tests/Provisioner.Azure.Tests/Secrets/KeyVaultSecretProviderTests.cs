using System.Reflection;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisioner.Azure.Secrets;
using Provisioner.Azure.Tests.TestDoubles;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Azure.Tests.Secrets;

public sealed class KeyVaultSecretProviderTests
{
    private const string Unresolved = "@Microsoft.KeyVault(SecretUri=https://kv-test.vault.azure.net/secrets/GITHUB-TOKEN)";

    private readonly FakeKeyVault keyVault = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<KeyVaultSecretProvider> logger = new();

    public static TheoryData<string> NonSecretSettingNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in typeof(SettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
                     .Where(field => field.IsLiteral && field.FieldType == typeof(string))
                     .Select(field => (string)field.GetRawConstantValue()!)
                     .Except(SettingNames.Secrets))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public async Task App_setting_wins_over_Key_Vault()
    {
        keyVault.Returns("GITHUB-TOKEN", "from-key-vault");
        var provider = Create(new() { [SettingNames.GitHubToken] = "from-app-setting" });

        var value = await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None);

        Assert.Equal("from-app-setting", value);
        keyVault.VerifyNoReads();
    }

    [Fact]
    public async Task Falls_back_to_Key_Vault_under_the_dashed_secret_name()
    {
        keyVault.Returns("JENKINS-TOKEN", "jenkins-from-vault");
        var provider = Create([]);

        var value = await provider.GetSecretAsync(SettingNames.JenkinsToken, CancellationToken.None);

        Assert.Equal("jenkins-from-vault", value);
        keyVault.VerifyReads("JENKINS-TOKEN", 1);
    }

    [Fact]
    public async Task An_unresolved_Key_Vault_reference_is_read_from_Key_Vault_directly()
    {
        keyVault.Returns("GITHUB-TOKEN", "token-from-vault");
        var provider = Create(new() { [SettingNames.GitHubToken] = Unresolved });

        var value = await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None);

        Assert.Equal("token-from-vault", value);
        Assert.Contains(Entries, entry => entry.Level == LogLevel.Warning && entry.Text.Contains("unresolved Key Vault reference", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unresolved_Key_Vault_reference_without_a_vault_uri_fails_with_the_remedy()
    {
        var provider = Create(new() { [SettingNames.WebhookSecret] = Unresolved }, withKeyVault: false);

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => provider.GetSecretAsync(SettingNames.WebhookSecret, CancellationToken.None).AsTask());

        Assert.Contains("WEBHOOK-SECRET", error.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", error.Message, StringComparison.Ordinal);
        Assert.Contains(SettingNames.KeyVaultUri, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_vault_an_unset_secret_is_null()
    {
        var provider = Create([], withKeyVault: false);

        Assert.Null(await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None));
    }

    [Fact]
    public async Task A_cached_secret_is_reused_until_the_cache_duration_ends_then_the_rotated_value_is_read()
    {
        keyVault.Returns("GITHUB-TOKEN", "token-v1");
        var provider = Create([]);
        Assert.Equal("token-v1", await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None));

        keyVault.Returns("GITHUB-TOKEN", "token-v2");
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal("token-v1", await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None));
        keyVault.VerifyReads("GITHUB-TOKEN", 1);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token-v2", await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None));
        keyVault.VerifyReads("GITHUB-TOKEN", 2);
    }

    [Fact]
    public async Task The_cache_duration_comes_from_the_options()
    {
        keyVault.Returns("GITHUB-TOKEN", "token-v1");
        var provider = Create([], cacheDuration: TimeSpan.FromSeconds(30));
        await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None);

        keyVault.Returns("GITHUB-TOKEN", "token-v2");
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal("token-v2", await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(NonSecretSettingNames))]
    public async Task A_non_secret_name_is_never_looked_up_in_Key_Vault(string name)
    {
        var provider = Create([]);

        Assert.Null(await provider.GetSecretAsync(name, CancellationToken.None));
        keyVault.VerifyNoReads();
    }

    [Fact]
    public async Task A_secret_missing_from_Key_Vault_is_null()
    {
        keyVault.Throws("KUBECONFIG-CONTENT", new RequestFailedException(404, "Secret not found: KUBECONFIG-CONTENT", "SecretNotFound", null));
        var provider = Create([]);

        Assert.Null(await provider.GetSecretAsync(SettingNames.KubeConfigContent, CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_read_names_the_role_to_grant_and_never_the_value()
    {
        keyVault.Returns("GITHUB-TOKEN", "ghp_rotated_value_1");
        var provider = Create([]);
        await provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None);
        keyVault.Throws("GITHUB-TOKEN", new RequestFailedException(403, "Caller is not authorized", "Forbidden", null));
        clock.Advance(TimeSpan.FromMinutes(6));

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => provider.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None).AsTask());

        Assert.Contains("GITHUB-TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
        Assert.Contains("Key Vault Secrets User", error.Message, StringComparison.Ordinal);
        Assert.Contains(FakeKeyVault.VaultUri.ToString(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ghp_rotated_value_1", error.ToString(), StringComparison.Ordinal);
        AssertLogsNeverContain("ghp_rotated_value_1");
    }

    [Fact]
    public async Task A_credential_failure_says_how_to_get_one()
    {
        keyVault.Throws("WEBHOOK-SECRET", new CredentialUnavailableException("DefaultAzureCredential failed to retrieve a token"));
        var provider = Create([]);

        var error = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => provider.GetSecretAsync(SettingNames.WebhookSecret, CancellationToken.None).AsTask());

        Assert.Contains("managed identity", error.Message, StringComparison.Ordinal);
        Assert.Contains("az login", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Key_Vault_outage_with_nothing_cached_is_transient()
    {
        keyVault.Throws("JENKINS-TOKEN", new RequestFailedException(503, "Service Unavailable", "ServiceUnavailable", null));
        var provider = Create([]);

        var error = await Assert.ThrowsAsync<TransientIntegrationException>(
            () => provider.GetSecretAsync(SettingNames.JenkinsToken, CancellationToken.None).AsTask());

        Assert.Contains("JENKINS-TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Key_Vault_outage_after_a_read_keeps_the_last_value_and_logs_no_value()
    {
        keyVault.Returns("JENKINS-TOKEN", "jenkins-value-1");
        var provider = Create([]);
        await provider.GetSecretAsync(SettingNames.JenkinsToken, CancellationToken.None);
        keyVault.Throws("JENKINS-TOKEN", new RequestFailedException(429, "Too many requests", "Throttled", null));
        clock.Advance(TimeSpan.FromMinutes(6));

        var value = await provider.GetSecretAsync(SettingNames.JenkinsToken, CancellationToken.None);

        Assert.Equal("jenkins-value-1", value);
        Assert.Contains(Entries, entry => entry.Level == LogLevel.Warning && entry.Text.Contains("JENKINS-TOKEN", StringComparison.Ordinal));
        AssertLogsNeverContain("jenkins-value-1");
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_an_integration_error()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        keyVault.Throws("GITHUB-TOKEN", new TaskCanceledException());
        var provider = Create([]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => provider.GetSecretAsync(SettingNames.GitHubToken, cancelled.Token).AsTask());
    }

    private KeyVaultSecretProvider Create(Dictionary<string, string?> settings, bool withKeyVault = true, TimeSpan? cacheDuration = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new KeyVaultSecretOptions();
        if (cacheDuration is { } duration)
        {
            options.CacheDuration = duration;
        }

        return new KeyVaultSecretProvider(configuration, withKeyVault ? keyVault.Client : null, Options.Create(options), clock, logger);
    }

    /// <summary>Every log entry: its formatted message, its structured values and its exception, for leak checks.</summary>
    private IReadOnlyList<(LogLevel Level, string Text)> Entries => logger.Collector.GetSnapshot()
        .Select(r => (r.Level, $"{r.Message} | {string.Join(" ", (r.StructuredState ?? []).Select(pair => $"{pair.Key}={pair.Value}"))} | {r.Exception}"))
        .ToList();

    private void AssertLogsNeverContain(string value)
    {
        Assert.NotEmpty(Entries);
        Assert.All(Entries, entry => Assert.DoesNotContain(value, entry.Text, StringComparison.Ordinal));
    }
}
