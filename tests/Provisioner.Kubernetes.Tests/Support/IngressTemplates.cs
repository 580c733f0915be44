using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Templates;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Kubernetes.Tests.Support;

/// <summary>The repository's real Ingress template, rendered as the app renders it.</summary>
internal static class IngressTemplates
{
    public static string Render(SiteIdentity site, string ingressClass = "nginx", string? clusterIssuer = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingNames.KubernetesIngressClass] = ingressClass,
            [SettingNames.KubernetesClusterIssuer] = clusterIssuer,
        }).Build();
        using var services = new ServiceCollection().AddTemplates(configuration).BuildServiceProvider();
        return services.GetRequiredService<ITemplateRenderer>().RenderIngress(new SiteRenderRequest(ProvisionId.New(site.Domain), "static-site", AppType.Frontend, site));
    }
}
