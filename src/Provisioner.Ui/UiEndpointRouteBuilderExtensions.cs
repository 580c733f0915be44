using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Provisioner.Ui;

/// <summary>Maps the UI on an ASP.NET Core host (the local runner).</summary>
public static class UiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /api/ui/…</c> to <see cref="UiAssets.Serve"/> (with the host's <see cref="UiOptions"/>)
    /// and redirects <c>/</c> there, so the runner's address opens the UI.
    /// </summary>
    public static IEndpointRouteBuilder MapProvisionerUi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect(UiRoutes.Root)).ExcludeFromDescription();
        app.MapGet(UiRoutes.RunnerPattern, (string? path, HttpRequest request, IOptions<UiOptions> options) =>
            UiAssets.Serve(path, request, options.Value)).ExcludeFromDescription();
        return app;
    }
}
