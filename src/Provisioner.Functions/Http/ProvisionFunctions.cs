using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Provisioner.Api;
using Provisioner.GitHub.Webhooks;
using Provisioner.Ui;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Provisions;
using Provisioner.Workflow.Validation;

namespace Provisioner.Functions.Http;

/// <summary>
/// The API's routes as Functions HTTP triggers: each calls the route table's handler
/// (<see cref="ProvisionerApi"/>); the ASP.NET Core integration executes the result it returns.
/// </summary>
public sealed class ProvisionFunctions(
    ProvisionService provisions,
    ProvisionRequestValidator validator,
    ProvisionPreviewer previewer,
    ITemplateCatalog catalog,
    GitHubWebhookInbox inbox,
    PullRequestClosedNotifier notifier)
{
    /// <summary>POST /api/provisions: start a provision.</summary>
    [Function(ApiEndpoints.StartProvision)]
    public async Task<IResult> StartProvisionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Provisions)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await ProvisionsApi.StartProvisionAsync(request, client, provisions, validator, new FunctionsManagementLinks(client, context), context.CancellationToken);

    /// <summary>GET /api/provisions: a page of provisions, newest first.</summary>
    [Function(ApiEndpoints.ListProvisions)]
    public async Task<IResult> ListProvisionsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Provisions)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await ProvisionsApi.ListProvisionsAsync(request, client, provisions, context.CancellationToken);

    /// <summary>GET /api/provisions/{id}: a provision's status.</summary>
    [Function(ApiEndpoints.GetProvision)]
    public async Task<IResult> GetProvisionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Provision)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await ProvisionsApi.GetProvisionAsync(id, request, client, provisions, context.CancellationToken);

    /// <summary>POST /api/provisions/{id}/cancel: cancel a running provision.</summary>
    [Function(ApiEndpoints.CancelProvision)]
    public async Task<IResult> CancelProvisionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.CancelProvision)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await ProvisionsApi.CancelProvisionAsync(id, request, client, provisions, context.CancellationToken);

    /// <summary>POST /api/provisions/preview: what a provision would make, starting nothing.</summary>
    [Function(ApiEndpoints.PreviewProvision)]
    public async Task<IResult> PreviewProvisionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.PreviewProvision)] HttpRequest request,
        FunctionContext context) =>
        await TemplatesApi.PreviewProvisionAsync(request, previewer, validator, context.CancellationToken);

    /// <summary>GET /api/templates: the template catalog.</summary>
    [Function(ApiEndpoints.ListTemplates)]
    public IResult ListTemplates(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Templates)] HttpRequest request) =>
        TemplatesApi.ListTemplates(catalog);

    /// <summary>
    /// POST /api/github/webhook. Anonymous at the Functions level because GitHub cannot send a
    /// function key; every delivery is authenticated by its HMAC signature instead.
    /// </summary>
    [Function(ApiEndpoints.GitHubWebhook)]
    public async Task<IResult> ReceiveGitHubDeliveryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.GitHubWebhook)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) =>
        await GitHubWebhookApi.ReceiveDeliveryAsync(request, client, inbox, notifier, context.CancellationToken);

    /// <summary>GET /api/ui/…: the web UI's pages. Anonymous: they hold no secret; their API calls carry the key the user gives.</summary>
    [Function(ApiEndpoints.WebUi)]
    public IResult WebUi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UiRoutes.Route)] HttpRequest request,
        string? path) =>
        UiAssets.Serve(path, request);
}
