using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.Workflow.Api;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Hosting;

/// <summary>Registers the workflow's services in any host.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the API, validation, options and secret provider. Integrations registered before this
    /// call win; the ones still missing get placeholders that fail with "not configured".
    /// </summary>
    public static IServiceCollection AddProvisioningWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => ProvisioningOptions.FromConfiguration(configuration));
        services.TryAddSingleton<ISecretProvider>(_ => new ConfigurationSecretProvider(configuration));
        services.AddSingleton<ProvisionRequestValidator>();
        services.AddSingleton<ProvisioningApi>();
        services.AddSingleton<TemplatesApi>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<GitHubWebhookApi>(sp, configuration));
        services.TryAddSingleton<ISourceControl, NotConfiguredSourceControl>();
        services.TryAddSingleton<IBuildServer, NotConfiguredBuildServer>();
        services.TryAddSingleton<IClusterClient, NotConfiguredClusterClient>();
        return services;
    }
}
