using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Integrations.Templates;

/// <summary>Turns a template and a site into files, build parameters and an Ingress manifest.</summary>
public interface ITemplateRenderer
{
    /// <summary>Renders every file of the site's template. Throws <see cref="PermanentIntegrationException"/> on a template error.</summary>
    RenderedSite RenderSite(SiteRenderRequest request);

    /// <summary>Renders the Ingress manifest (YAML) that routes the site's domain to its Service.</summary>
    string RenderIngress(SiteRenderRequest request);
}

/// <summary>Everything a template may use.</summary>
/// <param name="ProvisionId">The provision's id.</param>
/// <param name="TemplateId">The template to render.</param>
/// <param name="AppType">The app type asked for.</param>
/// <param name="Site">The site's derived names.</param>
public sealed record SiteRenderRequest(string ProvisionId, string TemplateId, AppType AppType, SiteIdentity Site);

/// <summary>A rendered template.</summary>
/// <param name="Files">Files for the pull request, with repository-relative paths.</param>
/// <param name="BuildParameters">Parameters for the Jenkins build.</param>
public sealed record RenderedSite(IReadOnlyList<RenderedFile> Files, IReadOnlyDictionary<string, string> BuildParameters);

/// <summary>One rendered file.</summary>
/// <param name="Path">Repository-relative path with forward slashes.</param>
/// <param name="Content">UTF-8 text content.</param>
public sealed record RenderedFile(string Path, string Content);
