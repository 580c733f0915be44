using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.Templates.Catalog;
using Provisioner.Templates.Rendering;
using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.Templates;

/// <summary>Registers the template catalog and renderer.</summary>
public static class TemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITemplateCatalog"/> and <see cref="ITemplateRenderer"/> as singletons over the local
    /// template folder, with <see cref="TemplateSettings"/> bound from <paramref name="configuration"/>
    /// (<c>TEMPLATE_ROOT</c>, <c>CONTAINER_REGISTRY</c>, <c>K8S_INGRESS_CLASS</c>, <c>K8S_CLUSTER_ISSUER</c>, <c>K8S_TLS_SECRET_NAME</c>);
    /// <paramref name="configure"/> may change them (e.g. <see cref="TemplateSettings.ImageRegistry"/>).
    /// A missing template folder fails the app's start; templates are loaded and parsed on first use,
    /// so a broken template fails the calls that need it (with the broken file named).
    /// </summary>
    public static IServiceCollection AddTemplates(this IServiceCollection services, IConfiguration configuration, Action<TemplateSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TemplateSettings>()
            .Bind(configuration)
            .Configure(settings => configure?.Invoke(settings))
            .PostConfigure(settings => settings.Root ??= TemplateRootLocator.Find(AppContext.BaseDirectory))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TemplateSettings>, TemplateSettingsValidator>());
        services.AddSingleton(sp => new TemplateLibrary(sp.GetRequiredService<IOptions<TemplateSettings>>().Value));
        services.AddSingleton<ITemplateCatalog, LocalTemplateCatalog>();
        services.AddSingleton<ITemplateRenderer, LiquidTemplateRenderer>();
        return services;
    }
}
