using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>Builds the render request of a provision, the same for the PR, the Ingress and the preview.</summary>
public static class SiteRender
{
    /// <summary>The render request for a provision input.</summary>
    public static SiteRenderRequest RequestFor(ProvisionInput input) =>
        new(input.ProvisionId, input.TemplateId, input.AppType, input.Site);
}
