using Microsoft.Extensions.Options;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Provisions;

/// <summary>What a provision would make, rendered exactly as the provision would render it; nothing is started.</summary>
public sealed class ProvisionPreviewer(ITemplateRenderer renderer, IOptions<ProvisioningOptions> options)
{
    /// <summary>The provision id previews render with: all zeros, never a real provision's.</summary>
    public static string PreviewProvisionId { get; } = "prv-" + new string('0', 32);

    /// <summary>The pull request's files, the Jenkins build parameters and the Ingress manifest of a valid request.</summary>
    public PreviewOutcome Preview(ProvisionRequest request)
    {
        var render = SiteRender.RequestFor(request.ToInput(PreviewProvisionId, options.Value));
        try
        {
            var site = renderer.RenderSite(render);
            return new PreviewOutcome.Rendered(new SitePreview(
                request, ProvisionBranch.For(PreviewProvisionId), site.Files, site.BuildParameters, renderer.RenderIngress(render)));
        }
        catch (PermanentIntegrationException ex)
        {
            return new PreviewOutcome.TemplateBroken(ex.Message);
        }
    }
}

/// <summary>What a preview came to.</summary>
public abstract record PreviewOutcome
{
    private PreviewOutcome()
    {
    }

    /// <summary>The template rendered.</summary>
    /// <param name="Preview">What the provision would make.</param>
    public sealed record Rendered(SitePreview Preview) : PreviewOutcome;

    /// <summary>The template does not render; the message names the file and the problem.</summary>
    /// <param name="Message">What is wrong with the template.</param>
    public sealed record TemplateBroken(string Message) : PreviewOutcome;
}

/// <summary>What a provision would make.</summary>
/// <param name="Request">The validated request.</param>
/// <param name="Branch">The branch shape the pull request would use.</param>
/// <param name="Files">The pull request's files.</param>
/// <param name="BuildParameters">The Jenkins build parameters.</param>
/// <param name="IngressManifest">The Ingress manifest.</param>
public sealed record SitePreview(
    ProvisionRequest Request,
    string Branch,
    IReadOnlyList<RenderedFile> Files,
    IReadOnlyDictionary<string, string> BuildParameters,
    string IngressManifest);
