using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Templates.Catalog;
using Provisioner.Templates.Rendering;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.Templates;

/// <summary>Registers the template catalog and renderer.</summary>
public static class TemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITemplateCatalog"/> and <see cref="ITemplateRenderer"/> as singletons over the local
    /// template folder. Reads <c>TEMPLATE_ROOT</c>, <c>CONTAINER_REGISTRY</c>, <c>K8S_INGRESS_CLASS</c> and <c>K8S_CLUSTER_ISSUER</c>;
    /// <paramref name="configure"/> may change the result (e.g. <see cref="TemplateSettings.ImageRegistry"/>).
    /// Templates are loaded and parsed on first use, so a broken catalog fails the calls that need it
    /// (with the broken file named), not the app's start.
    /// </summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services, IConfiguration configuration, Action<TemplateSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new TemplateSettings
        {
            Root = NullIfBlank(configuration[SettingNames.TemplateRoot]),
            IngressClassName = NullIfBlank(configuration[SettingNames.KubernetesIngressClass]) ?? "nginx",
            ClusterIssuer = NullIfBlank(configuration[SettingNames.KubernetesClusterIssuer]),
        };
        if (NullIfBlank(configuration[SettingNames.ContainerRegistry]) is { } registry)
        {
            settings.ImageRegistry = registry;
        }

        configure?.Invoke(settings);

        services.AddSingleton(new TemplateLibrary(settings));
        services.AddSingleton<ITemplateCatalog, LocalTemplateCatalog>();
        services.AddSingleton<ITemplateRenderer, LiquidTemplateRenderer>();
        return services;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
