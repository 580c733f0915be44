using Provisioner.Templates.Catalog;
using Provisioner.Templates.Rendering;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Templates.Tests;

/// <summary>Requests, settings and the repository's template folder for tests.</summary>
internal static class Samples
{
    public const string Domain = "shop.example.com";

    public static string RepositoryTemplates { get; } =
        TemplateRootLocator.Find(AppContext.BaseDirectory) ?? throw new InvalidOperationException("The repository's templates/ folder was not found.");

    public static SiteIdentity Site(string domain = Domain) => SiteIdentity.For(domain, "sites");

    public static SiteRenderRequest Request(string templateId, AppType appType, SiteIdentity? site = null) =>
        new("prov-0001", templateId, appType, site ?? Site());

    public static TemplateSettings Settings(string? root = null, string? clusterIssuer = null, string ingressClass = "nginx", string? tlsSecretName = null) => new()
    {
        Root = root ?? RepositoryTemplates,
        ClusterIssuer = clusterIssuer,
        TlsSecretName = tlsSecretName,
        IngressClassName = ingressClass,
        ImageRegistry = "registry.test/sites",
    };

    public static TemplateLibrary Library(TemplateSettings? settings = null) => new(settings ?? Settings());

    public static LiquidTemplateRenderer Renderer(TemplateSettings? settings = null) => new(Library(settings));

    /// <summary>The repository's templates with their app types, read from the folder so a new template is tested too.</summary>
    public static TheoryData<string, AppType> RepositoryTemplateIds()
    {
        var data = new TheoryData<string, AppType>();
        foreach (var template in Library().Templates)
        {
            data.Add(template.Descriptor.Id, template.Descriptor.AppType);
        }

        return data;
    }
}
