using Provisioner.Templates.Catalog;
using Provisioner.Templates.Rendering.Encoding;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Templates.Rendering;

/// <summary>Renders the catalog's parsed templates for a site.</summary>
internal sealed class LiquidTemplateRenderer(TemplateLibrary library) : ITemplateRenderer
{
    public RenderedSite RenderSite(SiteRenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var template = library.Find(request.TemplateId)
            ?? throw new PermanentIntegrationException(
                $"There is no template {LiquidEngine.Quote(request.TemplateId)}. Available: {string.Join(", ", library.Templates.Select(t => t.Descriptor.Id))}.");
        if (template.Descriptor.AppType != request.AppType)
        {
            throw new PermanentIntegrationException(
                $"Template '{template.Descriptor.Id}' makes {template.Descriptor.AppType.ToWire()} sites, not {request.AppType.ToWire()}. Choose a {request.AppType.ToWire()} template.");
        }

        var model = TemplateModel.For(request, template, library.Settings);
        var files = new List<RenderedFile>(template.Files.Count);
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in template.Files)
        {
            var path = RepositoryPaths.Check(
                LiquidEngine.Render(file.Path, file.Label + " (path)", TokenEncoder.Instance, model), request.Site.RepositoryPath, file.Label);
            if (!paths.Add(path))
            {
                throw new PermanentIntegrationException($"Template file '{file.Label}' renders to '{path}', which another file of the template also renders to. Fix the template.");
            }

            files.Add(new RenderedFile(path, LiquidEngine.Render(file.Content, file.Label, file.Encoder, model)));
        }

        var parameters = new Dictionary<string, string>(template.BuildParameters.Count, StringComparer.Ordinal);
        foreach (var parameter in template.BuildParameters)
        {
            parameters[parameter.Name] = LiquidEngine.Render(parameter.Value, parameter.Label, VerbatimEncoder.Instance, model);
        }

        return new RenderedSite(files, parameters);
    }

    public string RenderIngress(SiteRenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = TemplateModel.For(request, template: null, library.Settings);
        return LiquidEngine.Render(library.Ingress, IngressTemplate.Label, YamlEncoder.Instance, model);
    }
}
