using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Provisioner.Api.Contracts;
using Provisioner.Workflow.Model;
using Provisioner.Workflow.Provisions;
using Provisioner.Workflow.Validation;

namespace Provisioner.Api;

/// <summary>The provisions routes' handlers: start, list, read and cancel.</summary>
public static class ProvisionsApi
{
    /// <summary>
    /// <c>POST /api/provisions</c>: 202 with the provision's links, its Durable status URLs and a
    /// Location; 400 naming every bad field; 409 naming the provision already running for the
    /// domain; 413 over 64 KiB; 415 unless the body is declared as JSON.
    /// </summary>
    public static async Task<Results<Accepted<ProvisionAccepted>, ProblemHttpResult>> StartProvisionAsync(
        HttpRequest request,
        DurableTaskClient client,
        ProvisionService provisions,
        ProvisionRequestValidator validator,
        IManagementLinks managementLinks,
        CancellationToken cancellationToken)
    {
        var (provision, refusal) = await ProvisionRequestBody.ReadAsync(request, validator, cancellationToken);
        if (provision is null)
        {
            return refusal!;
        }

        var links = ApiLinks.For(request);
        switch (await provisions.StartAsync(client, provision, cancellationToken))
        {
            case StartOutcome.Started started:
                var self = links.Provision(started.ProvisionId);
                request.HttpContext.Response.Headers.RetryAfter = "10";
                return TypedResults.Accepted(self, new ProvisionAccepted(
                    started.ProvisionId,
                    nameof(ProvisionStatus.Pending),
                    started.Domain,
                    new LinksResponse(self, links.Cancel(started.ProvisionId)),
                    await managementLinks.ForAsync(request, started.ProvisionId)));

            case StartOutcome.DomainBusy { JustFinishing: true } busy:
                request.HttpContext.Response.Headers.RetryAfter = "1";
                return Problems.Of("domain-busy", "The domain's previous provision is just finishing.", StatusCodes.Status409Conflict,
                    $"Provision {busy.ExistingProvisionId} of {busy.Domain} has just ended; try again in a second.",
                    ApiLinks.ProvisionPath(busy.ExistingProvisionId!), provisionId: busy.ExistingProvisionId);

            case StartOutcome.DomainBusy { ExistingProvisionId: { } existing } busy:
                request.HttpContext.Response.Headers.Location = links.Provision(existing);
                return Problems.Of("domain-busy", "A provision of this domain is already running.", StatusCodes.Status409Conflict,
                    $"Provision {existing} of {busy.Domain} is still running. Follow it at {links.Provision(existing)}, or cancel it, then try again.",
                    ApiLinks.ProvisionPath(existing), provisionId: existing);

            case StartOutcome.DomainBusy busy:
                return Problems.Of("domain-busy", "A provision of this domain is already running.", StatusCodes.Status409Conflict,
                    $"A provision of {busy.Domain} is already running. Wait for it to end, or cancel it, then try again.");

            default:
                throw new UnreachableException();
        }
    }

    /// <summary>
    /// <c>GET /api/provisions?status=&amp;domain=&amp;page_size=&amp;continuation_token=</c>: a page of
    /// provisions, newest first, with the token and URL of the next page; 400 naming each bad query value.
    /// </summary>
    public static async Task<Results<Ok<ProvisionList>, ProblemHttpResult>> ListProvisionsAsync(
        HttpRequest request, DurableTaskClient client, ProvisionService provisions, CancellationToken cancellationToken)
    {
        var (query, errors) = ProvisionListQuery.Read(request.Query);
        if (query is null)
        {
            return Problems.Invalid(errors, consequence: "Nothing was listed.");
        }

        var links = ApiLinks.For(request);
        var page = await provisions.ListAsync(client, query, cancellationToken);
        var token = page.Next?.ToToken();
        return TypedResults.Ok(new ProvisionList(
            page.Provisions.Select(p => ProvisionResponse.From(p, links)).ToList(),
            token,
            token is null ? null : links.Provisions(ProvisionListQuery.Next(request.Query, token))));
    }

    /// <summary><c>GET /api/provisions/{id}</c>: the provision's status, timeline, links and failure; 404 for an unknown id.</summary>
    public static async Task<Results<Ok<ProvisionResponse>, ProblemHttpResult>> GetProvisionAsync(
        string id, HttpRequest request, DurableTaskClient client, ProvisionService provisions, CancellationToken cancellationToken) =>
        await provisions.GetAsync(client, id, cancellationToken) is { } provision
            ? TypedResults.Ok(ProvisionResponse.From(provision, ApiLinks.For(request)))
            : NotFound(id);

    /// <summary>
    /// <c>POST /api/provisions/{id}/cancel</c>: 202 at once with the provision as it is and a Location
    /// to follow it to Cancelled (its pull request is closed by the workflow); 404 for an unknown id;
    /// 409 when it already ended.
    /// </summary>
    public static async Task<Results<Accepted<ProvisionResponse>, ProblemHttpResult>> CancelProvisionAsync(
        string id, HttpRequest request, DurableTaskClient client, ProvisionService provisions, CancellationToken cancellationToken)
    {
        var links = ApiLinks.For(request);
        return await provisions.CancelAsync(client, id, cancellationToken) switch
        {
            CancelOutcome.Accepted accepted => TypedResults.Accepted(links.Provision(id), ProvisionResponse.From(accepted.Provision, links)),
            CancelOutcome.AlreadyEnded ended => Problems.Of("not-running", "The provision is not running.", StatusCodes.Status409Conflict,
                $"Provision {id} already ended with status {ended.Provision.Status}; there is nothing to cancel.",
                ApiLinks.ProvisionPath(id) + "/cancel", provisionId: id),
            CancelOutcome.NotFound => NotFound(id),
            _ => throw new UnreachableException(),
        };
    }

    private static ProblemHttpResult NotFound(string id) => Problems.NotFound("provision", ApiLinks.ProvisionPath(id));
}
