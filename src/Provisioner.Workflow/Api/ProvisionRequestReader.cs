using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;
using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Api;

/// <summary>
/// Reads a provision request body the one way <c>POST /api/provisions</c> and the preview both
/// read it (size cap, then validation), and turns a valid request into the orchestration's input.
/// </summary>
internal static class ProvisionRequestReader
{
    /// <summary>The largest request body accepted.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The valid request, or the problem response to send instead.</summary>
    public static (ProvisionRequest? Request, ApiResponse? Refusal) Read(this ProvisionRequestValidator validator, ApiRequest request)
    {
        if (request.Body.Length > MaxBodyBytes)
        {
            return (null, TooLarge(MaxBodyBytes).ToResponse());
        }

        var (provision, errors) = validator.Validate(request.Body);
        return provision is null ? (null, Problem.Validation(errors).ToResponse()) : (provision, null);
    }

    /// <summary>The orchestration input of a valid request.</summary>
    public static ProvisionInput ToInput(this ProvisionRequest request, string provisionId, ProvisioningOptions options) => new(
        provisionId,
        request.Domain,
        request.AppType,
        request.TemplateId,
        SiteIdentity.For(request.Domain, options.KubernetesNamespace),
        options.Timings);

    /// <summary>The URL of a provision's status.</summary>
    public static string SelfUrl(Uri baseUrl, string provisionId) => new Uri(baseUrl, $"api/provisions/{provisionId}").ToString();

    /// <summary>The 413 problem for a body over <paramref name="maxBytes"/>.</summary>
    public static Problem TooLarge(int maxBytes) => new(
        "urn:provisioner:problem:too-large",
        "The request body is too large.",
        413,
        $"The body is larger than {maxBytes} bytes.");
}
