using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisioner.Simulators.GitHub.State;
using Provisioner.Simulators.GitHub.Webhooks;

namespace Provisioner.Simulators.GitHub.Rest;

/// <summary>
/// A repository's webhook and its deliveries: the one hook the simulator has while a webhook URL is set,
/// the attempts it made (newest first) and redelivery of one of them.
/// </summary>
internal static class WebhookEndpoints
{
    private const string DocsHooks = "https://docs.github.com/rest/repos/webhooks";
    private const string CursorPrefix = "v1_";

    public static void MapGitHubWebhooks(this RouteGroupBuilder repos, SimulatorState state, Func<JsonShapes> shapes, WebhookSender webhooks, SimulatorOptions options, Func<Func<IResult>, IResult> handle)
    {
        repos.MapGet("/hooks", (string owner, string repo, HttpRequest request) => handle(() =>
        {
            var r = state.Repository(owner, repo);
            IReadOnlyList<object> hooks = options.WebhookUrl is null ? [] : [Hook(r)];
            return RestEndpoints.Ok(Pagination.Page(hooks, request, options.DefaultPageSize));
        }));

        repos.MapGet("/hooks/{hookId:long}", (string owner, string repo, long hookId) => handle(() =>
        {
            var r = KnownHook(owner, repo, hookId, "#get-a-repository-webhook");
            return RestEndpoints.Ok(Hook(r));
        }));

        repos.MapGet("/hooks/{hookId:long}/deliveries", (string owner, string repo, long hookId, string? cursor, bool? redelivery, HttpRequest request) => handle(() =>
        {
            var r = KnownHook(owner, repo, hookId, "#list-deliveries-for-a-repository-webhook");
            var attempts = webhooks.HookDeliveries(r.Id).Where(d => redelivery is null || d.Redelivery == redelivery).ToList();
            // GitHub pages deliveries by cursor, not page number: the cursor names the first delivery of the page.
            var start = 0;
            if (cursor is not null)
            {
                if (!cursor.StartsWith(CursorPrefix, StringComparison.Ordinal) || !long.TryParse(cursor.AsSpan(CursorPrefix.Length), out var first))
                {
                    throw new GitHubApiError(400, "Bad Request", DocsHooks + "#list-deliveries-for-a-repository-webhook");
                }

                start = attempts.FindIndex(d => d.DeliveryId <= first) is var index and >= 0 ? index : attempts.Count;
            }

            var perPage = Pagination.PerPage(request, options.DefaultPageSize);
            if (start + perPage < attempts.Count)
            {
                request.HttpContext.Response.Headers.Link = Pagination.Link(request, "cursor", CursorPrefix + attempts[start + perPage].DeliveryId, "next");
            }

            return RestEndpoints.Ok(attempts.Skip(start).Take(perPage).Select(JsonShapes.HookDelivery).ToList());
        }));

        repos.MapPost("/hooks/{hookId:long}/deliveries/{deliveryId:long}/attempts", (string owner, string repo, long hookId, long deliveryId) => handle(() =>
        {
            const string Doc = "#redeliver-a-delivery-for-a-repository-webhook";
            var r = KnownHook(owner, repo, hookId, Doc);
            // Accepted at once, as GitHub does: the attempt shows in the deliveries when it is made.
            return webhooks.TryRedeliver(r.Id, deliveryId)
                ? Results.Json(new { }, statusCode: StatusCodes.Status202Accepted)
                : throw GitHubApiError.NotFound(DocsHooks + Doc);
        }));

        SimulatedRepository KnownHook(string owner, string repo, long hookId, string doc)
        {
            var r = state.Repository(owner, repo);
            return options.WebhookUrl is not null && hookId == WebhookSender.HookId ? r : throw GitHubApiError.NotFound(DocsHooks + doc);
        }

        object Hook(SimulatedRepository r) =>
            shapes().Hook(r, options.WebhookUrl, options.WebhookSecret, webhooks.HookCreatedAt, webhooks.HookDeliveries(r.Id).FirstOrDefault());
    }
}
