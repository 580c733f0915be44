using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Provisions;
using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Hosting;

/// <summary>Registers the workflow's services in any host.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the provisioning services, validation, options (checked at start-up) and the secret
    /// provider. Integrations registered before this call win; the ones still missing get
    /// placeholders that fail with "not configured".
    /// </summary>
    public static IServiceCollection AddProvisioningWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvisioningOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProvisioningOptions>, ProvisioningOptionsValidator>());
        services.TryAddSingleton<ISecretProvider>(_ => new ConfigurationSecretProvider(configuration));
        services.TryAddSingleton<ProvisionRequestValidator>();
        services.TryAddSingleton<ProvisionService>();
        services.TryAddSingleton<ProvisionPreviewer>();
        services.TryAddSingleton<PullRequestClosedNotifier>();
        services.TryAddSingleton<ISourceControl, NotConfiguredSourceControl>();
        services.TryAddSingleton<IBuildServer, NotConfiguredBuildServer>();
        services.TryAddSingleton<IClusterClient, NotConfiguredClusterClient>();
        services.TryAddSingleton<ILiveSiteProbe, NotConfiguredLiveSiteProbe>();
        return services;
    }
}
