using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Activities;

/// <summary>
/// Renders the site's template and opens its pull request. Rendering happens here, not in the
/// orchestrator, so the files never enter the orchestration history. Safe to run twice: the
/// source control reuses the branch and pull request of the provision.
/// </summary>
[DurableTask(Name)]
public sealed class OpenPullRequestActivity(ITemplateRenderer renderer, ISourceControl sourceControl)
    : TaskActivity<ProvisionInput, PullRequestOpened>
{
    /// <summary>The name the durable engine knows this activity by.</summary>
    public const string Name = "OpenPullRequest";

    /// <inheritdoc/>
    public override async Task<PullRequestOpened> RunAsync(TaskActivityContext context, ProvisionInput input)
    {
        var site = renderer.RenderSite(SiteRender.RequestFor(input));
        var pullRequest = await sourceControl.OpenPullRequestAsync(
            new ProvisionPullRequest(input.ProvisionId, input.Domain, input.AppType, input.TemplateId, site.Files),
            CancellationToken.None);
        return new PullRequestOpened(pullRequest, site.BuildParameters);
    }
}
