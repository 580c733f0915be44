using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Provisioner.Ui;

namespace Provisioner.Api;

/// <summary>
/// The route table: every route of the API, its handler and the key it needs under the Functions
/// host. The local runner maps it as is; the Functions app binds the same routes
/// (<see cref="ApiRoutes"/>, <see cref="ApiEndpoints"/>) to the same handlers, and a test holds the
/// two equal.
/// </summary>
public static class ProvisionerApi
{
    /// <summary>Maps the API under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapProvisionerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix);

        api.MapPost(ApiRoutes.Provisions, ProvisionsApi.StartProvisionAsync)
            .WithName(ApiEndpoints.StartProvision).WithAuthLevel(FunctionAuthLevel.Function);
        api.MapGet(ApiRoutes.Provisions, ProvisionsApi.ListProvisionsAsync)
            .WithName(ApiEndpoints.ListProvisions).WithAuthLevel(FunctionAuthLevel.Function);
        api.MapGet(ApiRoutes.Provision, ProvisionsApi.GetProvisionAsync)
            .WithName(ApiEndpoints.GetProvision).WithAuthLevel(FunctionAuthLevel.Function);
        api.MapPost(ApiRoutes.CancelProvision, ProvisionsApi.CancelProvisionAsync)
            .WithName(ApiEndpoints.CancelProvision).WithAuthLevel(FunctionAuthLevel.Function);
        api.MapPost(ApiRoutes.PreviewProvision, TemplatesApi.PreviewProvisionAsync)
            .WithName(ApiEndpoints.PreviewProvision).WithAuthLevel(FunctionAuthLevel.Function);
        api.MapGet(ApiRoutes.Templates, TemplatesApi.ListTemplates)
            .WithName(ApiEndpoints.ListTemplates).WithAuthLevel(FunctionAuthLevel.Function);

        // GitHub cannot send a function key; every delivery is authenticated by its HMAC signature instead.
        api.MapPost(ApiRoutes.GitHubWebhook, GitHubWebhookApi.ReceiveDeliveryAsync)
            .WithName(ApiEndpoints.GitHubWebhook).WithAuthLevel(FunctionAuthLevel.Anonymous);

        // The pages hold no secret; the API calls they make carry the function key the user gives.
        api.MapUiAssets()
            .WithName(ApiEndpoints.WebUi).WithAuthLevel(FunctionAuthLevel.Anonymous);

        return app;
    }
}
