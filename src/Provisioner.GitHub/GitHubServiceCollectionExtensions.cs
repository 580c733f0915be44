using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.SourceControl;

namespace Provisioner.GitHub;

/// <summary>Registers the GitHub source control.</summary>
public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="ISourceControl"/> the GitHub implementation (replacing any placeholder). It reads
    /// GITHUB_OWNER, GITHUB_REPO, GITHUB_DEVOPS_TEAM_SLUG, GITHUB_API_URL and MCP_GITHUB_SERVER_ENDPOINT from
    /// <paramref name="configuration"/> on first use, and GITHUB_TOKEN through <see cref="ISecretProvider"/>
    /// (a configuration-backed one is added when none is registered). Missing settings fail the call with
    /// an IntegrationNotConfiguredException naming them.
    /// </summary>
    public static IServiceCollection AddGitHubSourceControl(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ISecretProvider>(_ => new ConfigurationSecretProvider(configuration));
        services.TryAddSingleton(new GitHubClientOptions());
        services.Replace(ServiceDescriptor.Singleton<ISourceControl>(sp => new GitHubSourceControl(
            configuration,
            sp.GetRequiredService<ISecretProvider>(),
            sp.GetRequiredService<GitHubClientOptions>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)));
        return services;
    }
}
