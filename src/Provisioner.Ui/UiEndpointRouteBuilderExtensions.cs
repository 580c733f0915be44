using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Provisioner.Ui;

/// <summary>Maps the UI on an ASP.NET Core host.</summary>
public static class UiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET ui/{*path}</c> on <paramref name="api"/> (the API's <c>/api</c> group: the route table
    /// binds it so for both hosts) to <see cref="UiAssets.Serve"/> with the host's <see cref="UiOptions"/>.
    /// </summary>
    public static RouteHandlerBuilder MapUiAssets(this IEndpointRouteBuilder api) =>
        api.MapGet(UiRoutes.Route, (string? path, HttpRequest request, IOptions<UiOptions> options) =>
            UiAssets.Serve(path, request, options.Value)).ExcludeFromDescription();

    /// <summary>Redirects <c>/</c> to the UI, so a host's bare address opens it (the local runner; the Functions host owns its root).</summary>
    public static IEndpointRouteBuilder MapUiRootRedirect(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect(UiRoutes.Root)).ExcludeFromDescription();
        return app;
    }
}
