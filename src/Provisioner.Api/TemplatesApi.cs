using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.Api.Contracts;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Provisions;
using Provisioner.Workflow.Validation;

namespace Provisioner.Api;

/// <summary>The template routes' handlers: the catalog and the dry-run preview. Nothing is started.</summary>
public static class TemplatesApi
{
    /// <summary><c>GET /api/templates</c>: the template catalog; 500 naming the broken file when a template does not load.</summary>
    public static Results<Ok<TemplateList>, ProblemHttpResult> ListTemplates(ITemplateCatalog catalog)
    {
        try
        {
            return TypedResults.Ok(TemplateList.From(catalog.List()));
        }
        catch (PermanentIntegrationException ex)
        {
            return Problems.Of("template-error", "The template catalog does not load.", StatusCodes.Status500InternalServerError, ex.Message);
        }
    }

    /// <summary>
    /// <c>POST /api/provisions/preview</c>: the pull request's files, the Jenkins build parameters and
    /// the Ingress manifest a provision with this body would make; the same refusals as a provision
    /// (400, 413, 415), and 422 when the template does not render.
    /// </summary>
    public static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult>> PreviewProvisionAsync(
        HttpRequest request, ProvisionPreviewer previewer, ProvisionRequestValidator validator, CancellationToken cancellationToken)
    {
        var (provision, refusal) = await ProvisionRequestBody.ReadAsync(request, validator, cancellationToken);
        if (provision is null)
        {
            return refusal!;
        }

        return previewer.Preview(provision) switch
        {
            PreviewOutcome.Rendered rendered => TypedResults.Ok(PreviewResponse.From(rendered.Preview)),
            PreviewOutcome.TemplateBroken broken => Problems.Of("template-error", "The template does not render.", StatusCodes.Status422UnprocessableEntity, broken.Message),
            _ => throw new UnreachableException(),
        };
    }
}
