using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provisioner.GitHub.Webhooks;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.SourceControl;

namespace Provisioner.GitHub;

/// <summary>Registers the GitHub integration: the source control provisions open pull requests with, and the webhook inbox.</summary>
public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="ISourceControl"/> the GitHub implementation (replacing any placeholder), with
    /// <see cref="SitesRepositoryOptions"/> and <see cref="GitHubOptions"/> bound from <paramref name="configuration"/>
    /// and GITHUB_TOKEN read through <see cref="ISecretProvider"/> (a configuration-backed one is added when
    /// none is registered). Missing or invalid settings fail the call that needs them with an
    /// IntegrationNotConfiguredException naming them, not the app's start.
    /// </summary>
    public static IServiceCollection AddGitHubSourceControl(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddGitHubOptions(services, configuration);
        services.TryAddSingleton(new GitHubClientOptions());
        services.Replace(ServiceDescriptor.Singleton<ISourceControl>(sp => new GitHubSourceControl(
            sp.GetRequiredService<IOptions<SitesRepositoryOptions>>(),
            sp.GetRequiredService<IOptions<GitHubOptions>>(),
            sp.GetRequiredService<ISecretProvider>(),
            sp.GetRequiredService<GitHubClientOptions>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)));
        return services;
    }

    /// <summary>
    /// Adds <see cref="GitHubWebhookInbox"/>: verifies and reads GitHub's webhook deliveries. It reads
    /// WEBHOOK_SECRET through <see cref="ISecretProvider"/> and the sites repository from <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddGitHubWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddGitHubOptions(services, configuration);
        services.TryAddSingleton<GitHubWebhookInbox>();
        return services;
    }

    private static void AddGitHubOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<ISecretProvider>(_ => new ConfigurationSecretProvider(configuration));
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<SitesRepositoryOptions>)))
        {
            return;
        }

        services.AddOptions<SitesRepositoryOptions>().Bind(configuration);
        services.AddSingleton<IValidateOptions<SitesRepositoryOptions>, SitesRepositoryOptionsValidator>();
        services.AddOptions<GitHubOptions>().Bind(configuration);
        services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();
    }
}
