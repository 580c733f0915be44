using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Api.Tests.TestDoubles;

/// <summary>A catalog of two templates (one per app type) whose renderer echoes the request into files.</summary>
internal sealed class TwoTemplates : ITemplateCatalog, ITemplateRenderer
{
    private static readonly TemplateDescriptor[] Templates =
    [
        new("dotnet-api", "ASP.NET Core API", AppType.Backend, "An API.", []),
        new("static-site", "Static site", AppType.Frontend, "A site.", []),
    ];

    public IReadOnlyList<TemplateDescriptor> List() => Templates;

    public TemplateDescriptor? Find(string templateId) => Templates.FirstOrDefault(t => t.Id == templateId);

    public RenderedSite RenderSite(SiteRenderRequest request) => new(
        [
            new RenderedFile($"{request.Site.RepositoryPath}/README.md", $"# {request.Site.Domain}"),
            new RenderedFile($"{request.Site.RepositoryPath}/k8s/deployment.yaml", $"name: {request.Site.AppName}"),
        ],
        new Dictionary<string, string> { ["APP_NAME"] = request.Site.AppName, ["DOMAIN"] = request.Site.Domain });

    public string RenderIngress(SiteRenderRequest request) => $"host: {request.Site.Domain}";
}
