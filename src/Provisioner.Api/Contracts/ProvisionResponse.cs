using Provisioner.Workflow.Model;
using Provisioner.Workflow.Provisions;

namespace Provisioner.Api.Contracts;

/// <summary>A provision as <c>GET /api/provisions/{id}</c> returns it.</summary>
/// <param name="ProvisionId">The id.</param>
/// <param name="Domain">The domain.</param>
/// <param name="AppType">frontend or backend.</param>
/// <param name="TemplateId">The template.</param>
/// <param name="Status">Where it is (see <see cref="ProvisionStatus"/>).</param>
/// <param name="CreatedAt">When it was accepted (UTC).</param>
/// <param name="LastUpdatedAt">When it last changed (UTC).</param>
/// <param name="Timeline">Its steps with UTC start and end.</param>
/// <param name="Links">Links to what it made and to itself.</param>
/// <param name="PullRequestOpenedVia">rest or mcp.</param>
/// <param name="Failure">Step, cause, remedy and evidence when it failed.</param>
/// <param name="Ingress">The site's Ingress, its address and the live probe, once applied.</param>
public sealed record ProvisionResponse(
    string ProvisionId,
    string Domain,
    string AppType,
    string TemplateId,
    string Status,
    DateTime CreatedAt,
    DateTime LastUpdatedAt,
    IReadOnlyList<StepResponse> Timeline,
    LinksResponse Links,
    string? PullRequestOpenedVia,
    FailureResponse? Failure,
    IngressResponse? Ingress)
{
    /// <summary>The response for a provision, its links under <paramref name="links"/>.</summary>
    public static ProvisionResponse From(ProvisionView view, ApiLinks links)
    {
        var self = links.Provision(view.ProvisionId);
        return new ProvisionResponse(
            view.ProvisionId,
            view.Domain,
            view.AppType.ToWire(),
            view.TemplateId,
            view.Status.ToString(),
            view.CreatedAt,
            view.LastUpdatedAt,
            view.Timeline.Select(s => new StepResponse(s.Name, s.Outcome.ToString(), s.StartedAt, s.EndedAt, s.Detail)).ToList(),
            new LinksResponse(self, view.Status.IsTerminal() ? null : links.Cancel(view.ProvisionId), view.PullRequestUrl, view.BuildUrl, view.LiveUrl),
            view.PullRequestOpenedVia,
            view.Failure is { } failure ? FailureResponse.From(failure) : null,
            view.Ingress is { } ingress ? IngressResponse.From(ingress) : null);
    }
}

/// <summary>One step of the timeline.</summary>
/// <param name="Name">The step.</param>
/// <param name="Outcome">Running, Succeeded, Failed, Rejected, Expired or Cancelled.</param>
/// <param name="StartedAt">UTC start.</param>
/// <param name="EndedAt">UTC end, null while running.</param>
/// <param name="Detail">A short note.</param>
public sealed record StepResponse(string Name, string Outcome, DateTime StartedAt, DateTime? EndedAt, string? Detail);

/// <summary>Links of a provision.</summary>
/// <param name="Self">This provision's status.</param>
/// <param name="Cancel">POST here to cancel it, while it runs.</param>
/// <param name="PrUrl">The pull request.</param>
/// <param name="BuildUrl">The Jenkins build.</param>
/// <param name="LiveUrl">The live site.</param>
public sealed record LinksResponse(string Self, string? Cancel, string? PrUrl = null, string? BuildUrl = null, string? LiveUrl = null);

/// <summary>The 202 body of <c>POST /api/provisions</c>.</summary>
/// <param name="ProvisionId">The new provision's id.</param>
/// <param name="Status">Pending.</param>
/// <param name="Domain">The normalized domain.</param>
/// <param name="Links">Where to follow and cancel it.</param>
/// <param name="Durable">The Durable status query URLs.</param>
public sealed record ProvisionAccepted(string ProvisionId, string Status, string Domain, LinksResponse Links, DurableManagementUrls Durable);

/// <summary>A page of <c>GET /api/provisions</c>, newest first.</summary>
/// <param name="Provisions">The provisions on this page.</param>
/// <param name="ContinuationToken">Pass as <c>continuation_token</c> for the next page; null on the last page.</param>
/// <param name="Next">The next page's URL; null on the last page.</param>
public sealed record ProvisionList(IReadOnlyList<ProvisionResponse> Provisions, string? ContinuationToken, string? Next);
