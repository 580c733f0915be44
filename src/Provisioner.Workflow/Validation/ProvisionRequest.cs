using Provisioner.Workflow.Model;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Validation;

/// <summary>A valid, normalized provision request.</summary>
/// <param name="Domain">The normalized domain.</param>
/// <param name="AppType">The app type.</param>
/// <param name="TemplateId">A template of the catalog for this app type.</param>
public sealed record ProvisionRequest(string Domain, AppType AppType, string TemplateId)
{
    /// <summary>The orchestration input of this request, with the site's names and the configured timings.</summary>
    internal ProvisionInput ToInput(string provisionId, ProvisioningOptions options) => new(
        provisionId,
        Domain,
        AppType,
        TemplateId,
        SiteIdentity.For(Domain, options.KubernetesNamespace),
        options.Timings);
}
