using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;
using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Api;

/// <summary><c>GET /api/templates</c> and <c>POST /api/provisions/preview</c>: read-only, nothing is started.</summary>
public sealed class TemplatesApi(
    ITemplateCatalog catalog,
    ITemplateRenderer renderer,
    ProvisionRequestValidator validator,
    ProvisioningOptions options)
{
    /// <summary>The template catalog.</summary>
    public ApiResponse List() => ApiResponse.Json(200, new TemplateList(catalog.List()
        .Select(t => new TemplateView(t.Id, t.Name, t.AppType.ToWire(), t.Description,
            t.Parameters.Select(p => new TemplateParameterView(p.Name, p.Description, p.Default)).ToList()))
        .ToList()));

    /// <summary>
    /// What a provision with this body would make: the pull request's files, the Jenkins build
    /// parameters and the Ingress manifest. Same validation and errors as <c>POST /api/provisions</c>.
    /// </summary>
    public ApiResponse Preview(ApiRequest request)
    {
        var (provision, refusal) = validator.Read(request);
        if (provision is null)
        {
            return refusal!;
        }

        // The same input a provision gets, with a placeholder id: nothing is started.
        var input = provision.ToInput(PreviewProvisionId, options);
        try
        {
            var render = SiteRender.RequestFor(input);
            var site = renderer.RenderSite(render);
            return ApiResponse.Json(200, new PreviewView(
                provision.Domain,
                provision.AppType.ToWire(),
                provision.TemplateId,
                ProvisionBranch.For(PreviewProvisionId),
                site.Files.Select(f => new PreviewFile(f.Path, f.Content)).ToList(),
                site.BuildParameters,
                renderer.RenderIngress(render)));
        }
        catch (PermanentIntegrationException ex)
        {
            return new Problem("urn:provisioner:problem:template-error", "The template does not render.", 422,
                ex.Message).ToResponse();
        }
    }

    /// <summary>The provision id previews render with: all zeros, never a real provision's.</summary>
    public static string PreviewProvisionId { get; } = "prv-" + new string('0', 32);
}

/// <summary>The template catalog.</summary>
/// <param name="Templates">Every template.</param>
public sealed record TemplateList(IReadOnlyList<TemplateView> Templates);

/// <summary>One template.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Display name.</param>
/// <param name="AppType">frontend or backend.</param>
/// <param name="Description">What it makes.</param>
/// <param name="Parameters">Its parameters.</param>
public sealed record TemplateView(string Id, string Name, string AppType, string Description, IReadOnlyList<TemplateParameterView> Parameters);

/// <summary>A template parameter.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Description">What it controls.</param>
/// <param name="Default">Its default.</param>
public sealed record TemplateParameterView(string Name, string Description, string? Default);

/// <summary>A dry-run preview.</summary>
/// <param name="Domain">The normalized domain.</param>
/// <param name="AppType">frontend or backend.</param>
/// <param name="TemplateId">The template.</param>
/// <param name="Branch">The branch shape the pull request would use.</param>
/// <param name="Files">The pull request's files.</param>
/// <param name="BuildParameters">The Jenkins build parameters.</param>
/// <param name="IngressManifest">The Ingress manifest.</param>
public sealed record PreviewView(
    string Domain,
    string AppType,
    string TemplateId,
    string Branch,
    IReadOnlyList<PreviewFile> Files,
    IReadOnlyDictionary<string, string> BuildParameters,
    string IngressManifest);

/// <summary>A previewed file.</summary>
/// <param name="Path">Repository-relative path.</param>
/// <param name="Content">Its content.</param>
public sealed record PreviewFile(string Path, string Content);
