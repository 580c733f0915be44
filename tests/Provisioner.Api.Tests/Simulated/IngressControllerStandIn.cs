using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Provisioner.Simulators.Common.Hosting;

namespace Provisioner.Api.Tests.Simulated;

/// <summary>
/// An ingress controller on loopback, as ingress-nginx answers: by Host header, through the cluster's
/// Ingresses of its class to the Service and the pods it selects — 200 when a pod is ready, 503 when
/// none is (no endpoints), 404 from the default backend for a host no Ingress routes. A host can be
/// made to fail upstream (502), as when the controller cannot reach the pods.
/// </summary>
internal sealed class IngressControllerStandIn : IAsyncDisposable
{
    private readonly WebApplication app;

    private IngressControllerStandIn(WebApplication app) => this.app = app;

    public int Port => app.BaseUrl().Port;

    /// <summary>The Host headers of the requests it answered, in order.</summary>
    public ConcurrentQueue<string> Hosts { get; } = new();

    /// <summary>Hosts whose upstream fails: they answer 502 whatever the cluster says.</summary>
    public ConcurrentDictionary<string, bool> FailingUpstreams { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<IngressControllerStandIn> StartAsync(IKubernetes cluster, string ingressClass, string namespaceName)
    {
        var builder = SimulatorHosting.CreateLoopbackBuilder(0);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new IngressControllerStandIn(app);
        app.Run(async context =>
        {
            var host = context.Request.Host.Host;
            standIn.Hosts.Enqueue(context.Request.Host.Value ?? string.Empty);
            var (status, body) = standIn.FailingUpstreams.ContainsKey(host)
                ? (StatusCodes.Status502BadGateway, "502 Bad Gateway")
                : await RouteAsync(cluster, ingressClass, namespaceName, host, context.RequestAborted);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task<(int Status, string Body)> RouteAsync(IKubernetes cluster, string ingressClass, string namespaceName, string host, CancellationToken cancellationToken)
    {
        var ingresses = await cluster.NetworkingV1.ListNamespacedIngressAsync(namespaceName, cancellationToken: cancellationToken);
        var backend = ingresses.Items
            .Where(i => i.Spec?.IngressClassName == ingressClass)
            .SelectMany(i => i.Spec.Rules ?? [])
            .Where(r => string.Equals(r.Host, host, StringComparison.OrdinalIgnoreCase))
            .SelectMany(r => r.Http?.Paths ?? [])
            .Select(p => p.Backend?.Service?.Name)
            .FirstOrDefault(name => name is not null);
        if (backend is null)
        {
            return (StatusCodes.Status404NotFound, "default backend - 404");
        }

        V1Service service;
        try
        {
            service = await cluster.CoreV1.ReadNamespacedServiceAsync(backend, namespaceName, cancellationToken: cancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return (StatusCodes.Status503ServiceUnavailable, "503 Service Temporarily Unavailable (no Service)");
        }

        var selector = string.Join(",", (service.Spec?.Selector ?? new Dictionary<string, string>()).Select(l => $"{l.Key}={l.Value}"));
        var pods = await cluster.CoreV1.ListNamespacedPodAsync(namespaceName, labelSelector: selector, cancellationToken: cancellationToken);
        var ready = pods.Items.Any(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        return ready
            ? (StatusCodes.Status200OK, $"<!doctype html><title>{WebUtility.HtmlEncode(host)}</title>")
            : (StatusCodes.Status503ServiceUnavailable, "503 Service Temporarily Unavailable (no endpoints)");
    }
}
