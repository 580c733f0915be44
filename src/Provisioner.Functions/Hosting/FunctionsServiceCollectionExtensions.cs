using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Api;
using Provisioner.Azure;
using Provisioner.GitHub;
using Provisioner.Jenkins;
using Provisioner.Kubernetes;
using Provisioner.Templates;

namespace Provisioner.Functions.Hosting;

/// <summary>Everything the Functions app registers, in one place so a test can build the same graph.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Adds the secrets, the integrations, and the API with the workflow behind it.</summary>
    public static IServiceCollection AddProvisioner(this IServiceCollection services, IConfiguration configuration)
    {
        // Secrets: app settings (Key Vault references) first, then Key Vault directly, cached briefly.
        services.AddAzureSecrets(configuration);

        // Integrations before the API: the workflow fills any still missing with "not configured" placeholders.
        services.AddTemplates(configuration);
        services.AddGitHubSourceControl(configuration);
        services.AddJenkinsBuildServer(configuration);
        services.AddKubernetesCluster(configuration);
        services.AddProvisionerApi(configuration);
        return services;
    }
}
