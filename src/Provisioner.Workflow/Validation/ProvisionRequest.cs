using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Validation;

/// <summary>A valid, normalized provision request.</summary>
/// <param name="Domain">The normalized domain.</param>
/// <param name="AppType">The app type.</param>
/// <param name="TemplateId">A template of the catalog for this app type.</param>
public sealed record ProvisionRequest(string Domain, AppType AppType, string TemplateId);
