using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Provisions;

namespace Provisioner.Api.Contracts;

/// <summary>The template catalog.</summary>
/// <param name="Templates">Every template.</param>
public sealed record TemplateList(IReadOnlyList<TemplateResponse> Templates)
{
    /// <summary>The catalog's templates.</summary>
    public static TemplateList From(IEnumerable<TemplateDescriptor> templates) => new(templates
        .Select(t => new TemplateResponse(t.Id, t.Name, t.AppType.ToWire(), t.Description,
            t.Parameters.Select(p => new TemplateParameterResponse(p.Name, p.Description, p.Default)).ToList()))
        .ToList());
}

/// <summary>One template.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Display name.</param>
/// <param name="AppType">frontend or backend.</param>
/// <param name="Description">What it makes.</param>
/// <param name="Parameters">Its parameters.</param>
public sealed record TemplateResponse(string Id, string Name, string AppType, string Description, IReadOnlyList<TemplateParameterResponse> Parameters);

/// <summary>A template parameter.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Description">What it controls.</param>
/// <param name="Default">Its default.</param>
public sealed record TemplateParameterResponse(string Name, string Description, string? Default);

/// <summary>A dry-run preview.</summary>
/// <param name="Domain">The normalized domain.</param>
/// <param name="AppType">frontend or backend.</param>
/// <param name="TemplateId">The template.</param>
/// <param name="Branch">The branch shape the pull request would use.</param>
/// <param name="Files">The pull request's files.</param>
/// <param name="BuildParameters">The Jenkins build parameters.</param>
/// <param name="IngressManifest">The Ingress manifest.</param>
public sealed record PreviewResponse(
    string Domain,
    string AppType,
    string TemplateId,
    string Branch,
    IReadOnlyList<PreviewFile> Files,
    IReadOnlyDictionary<string, string> BuildParameters,
    string IngressManifest)
{
    /// <summary>The response for a rendered preview.</summary>
    public static PreviewResponse From(SitePreview preview) => new(
        preview.Request.Domain,
        preview.Request.AppType.ToWire(),
        preview.Request.TemplateId,
        preview.Branch,
        preview.Files.Select(f => new PreviewFile(f.Path, f.Content)).ToList(),
        preview.BuildParameters,
        preview.IngressManifest);
}

/// <summary>A previewed file.</summary>
/// <param name="Path">Repository-relative path.</param>
/// <param name="Content">Its content.</param>
public sealed record PreviewFile(string Path, string Content);
