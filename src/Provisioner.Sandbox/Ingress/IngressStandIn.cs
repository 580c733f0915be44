using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioner.Sandbox.GitHub;
using Provisioner.Sandbox.Registry;
using Provisioner.Simulators.Common.Hosting;
using Provisioner.Simulators.Kubernetes;

namespace Provisioner.Sandbox.Ingress;

/// <summary>
/// The sandbox's ingress controller: Kestrel on 127.0.0.1 routing by Host header (its port left
/// out; <c>shop.example.com.localhost</c>, which browsers resolve to loopback, routes as
/// <c>shop.example.com</c>) through the cluster's Ingresses of its class, their Services and the
/// Services' ready pods, to what the pod's image serves. Unknown hosts get the default backend's 404;
/// a routed host whose Service has no ready pod gets 503, as ingress-nginx answers.
/// </summary>
public sealed class IngressStandIn : IAsyncDisposable
{
    /// <summary>The suffix browsers resolve to loopback (RFC 6761), so a site opens by name without DNS.</summary>
    public const string LoopbackSuffix = ".localhost";

    /// <summary>The header naming the image that answered.</summary>
    public const string ImageHeader = "X-Sandbox-Image";

    private readonly WebApplication app;

    private IngressStandIn(WebApplication app)
    {
        this.app = app;
        BaseUrl = app.BaseUrl();
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Its port.</summary>
    public int Port => BaseUrl.Port;

    /// <summary>A site's address through it, with <c>{domain}</c> in place of the domain: <c>http://{domain}.localhost:PORT/</c>.</summary>
    public string UrlTemplate => $"http://{{domain}}{LoopbackSuffix}:{Port.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>A site's address through it, e.g. <c>http://shop.example.com.localhost:5123/</c>.</summary>
    public Uri UrlFor(string domain) => new(UrlTemplate.Replace("{domain}", domain, StringComparison.Ordinal));

    internal static async Task<IngressStandIn> StartAsync(ClusterState cluster, string ingressClass, SandboxRegistry registry, int port, CancellationToken cancellationToken)
    {
        var router = new IngressRouter(cluster, ingressClass);
        var app = SimulatorHosting.CreateLoopbackBuilder(port).Build();
        app.Run(context => RouteAsync(context, router, registry));
        await app.StartAsync(cancellationToken);
        return new IngressStandIn(app);
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>The domain a Host header asks for: lower case, without port, trailing dot or <see cref="LoopbackSuffix"/>.</summary>
    internal static string Domain(HostString host)
    {
        var name = host.Host.TrimEnd('.').ToLowerInvariant();
        return name.EndsWith(LoopbackSuffix, StringComparison.Ordinal) ? name[..^LoopbackSuffix.Length] : name;
    }

    private static async Task RouteAsync(HttpContext context, IngressRouter router, SandboxRegistry registry)
    {
        switch (router.Resolve(Domain(context.Request.Host), context.Request.Path.Value ?? "/"))
        {
            case NoEndpoints none:
                await IngressErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, none.Detail);
                break;
            case PodEndpoint endpoint when registry.Find(endpoint.Image) is { } image:
                context.Response.Headers[ImageHeader] = image.Reference;
                try
                {
                    await SiteResponses.ServeAsync(context, image);
                }
                catch (Exception ex) when ((ex is GitHubReadException or HttpRequestException) && !context.Response.HasStarted)
                {
                    await IngressErrors.WriteAsync(context, StatusCodes.Status502BadGateway, $"pod {endpoint.Pod} could not read its site: {ex.Message}");
                }

                break;
            case PodEndpoint endpoint:
                await IngressErrors.WriteAsync(context, StatusCodes.Status502BadGateway, $"pod {endpoint.Pod} runs {endpoint.Image}, which the sandbox's Jenkins did not build, so the sandbox has nothing to serve for it");
                break;
            default:
                await IngressErrors.WriteAsync(context, StatusCodes.Status404NotFound, $"no Ingress routes {Domain(context.Request.Host)}{context.Request.Path}");
                break;
        }
    }
}
