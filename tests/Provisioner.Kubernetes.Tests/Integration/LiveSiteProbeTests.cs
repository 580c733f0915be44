using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioner.Kubernetes.Probe;
using Provisioner.Kubernetes.Tests.Support;
using Provisioner.Simulators.Common.Hosting;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Kubernetes.Tests.Integration;

/// <summary>The live-site probe against a loopback stand-in for the ingress controller that routes by Host.</summary>
public sealed class LiveSiteProbeTests
{
    private const string Domain = "shop.example.com";

    [Fact]
    public async Task Gets_the_site_through_the_ingress_address_with_the_domain_as_Host()
    {
        await using var ingress = await IngressStandIn.StartAsync(new Dictionary<string, int> { [Domain] = 200 });
        var resolver = new TableResolver(new Dictionary<string, IPAddress[]>());

        var result = await Probe(resolver).ProbeAsync(new LiveProbeRequest(Domain, new IngressAddress("127.0.0.1", ingress.Port), Tls: false), CancellationToken.None);

        Assert.True(result.Reachable);
        Assert.Equal(200, result.StatusCode);
        Assert.False(result.DnsResolvesToAddress);
        Assert.Equal($"GET http://{Domain}/ through 127.0.0.1:{ingress.Port} answered 200 OK.", result.Detail);
        Assert.Equal(Domain, Assert.Single(ingress.Hosts));
        Assert.Equal([Domain], resolver.Asked);
    }

    [Fact]
    public async Task Reports_when_the_domain_already_resolves_to_the_ingress_address()
    {
        await using var ingress = await IngressStandIn.StartAsync(new Dictionary<string, int> { [Domain] = 200 });
        var resolver = new TableResolver(new Dictionary<string, IPAddress[]> { [Domain] = [IPAddress.Parse("10.1.2.3"), IPAddress.Loopback] });

        var result = await Probe(resolver).ProbeAsync(new LiveProbeRequest(Domain, new IngressAddress("127.0.0.1", ingress.Port), Tls: false), CancellationToken.None);

        Assert.True(result.DnsResolvesToAddress);
    }

    [Fact]
    public async Task A_host_name_address_is_resolved_and_compared_with_the_domains_addresses()
    {
        await using var ingress = await IngressStandIn.StartAsync(new Dictionary<string, int> { [Domain] = 204 });
        var resolver = new TableResolver(new Dictionary<string, IPAddress[]> { ["lb.example.net"] = [IPAddress.Loopback], [Domain] = [IPAddress.Loopback] });

        var result = await Probe(resolver).ProbeAsync(new LiveProbeRequest(Domain, new IngressAddress("lb.example.net", ingress.Port), Tls: false), CancellationToken.None);

        Assert.Equal((true, 204, true), (result.Reachable, result.StatusCode, result.DnsResolvesToAddress));
    }

    [Fact]
    public async Task A_host_the_controller_does_not_route_is_its_404_and_a_5xx_is_unreachable()
    {
        await using var ingress = await IngressStandIn.StartAsync(new Dictionary<string, int> { ["broken.example.com"] = 503 });
        var probe = Probe(new TableResolver(new Dictionary<string, IPAddress[]>()));

        var unknown = await probe.ProbeAsync(new LiveProbeRequest(Domain, new IngressAddress("127.0.0.1", ingress.Port), Tls: false), CancellationToken.None);
        var broken = await probe.ProbeAsync(new LiveProbeRequest("broken.example.com", new IngressAddress("127.0.0.1", ingress.Port), Tls: false), CancellationToken.None);

        Assert.Equal((true, 404), (unknown.Reachable, unknown.StatusCode));
        Assert.Equal((false, 503), (broken.Reachable, broken.StatusCode));
    }

    [Fact]
    public async Task Nothing_listening_is_unreachable_with_the_endpoint_named()
    {
        var port = FreePort();

        var result = await Probe(new TableResolver(new Dictionary<string, IPAddress[]>())).ProbeAsync(new LiveProbeRequest(Domain, new IngressAddress("127.0.0.1", port), Tls: false), CancellationToken.None);

        Assert.False(result.Reachable);
        Assert.Null(result.StatusCode);
        Assert.StartsWith($"Nothing answered at 127.0.0.1:{port} for {Domain}", result.Detail, StringComparison.Ordinal);
        Assert.EndsWith("Check the ingress controller's Service and logs.", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_sends_the_domain_as_SNI_and_trusts_a_configured_authority()
    {
        using var authority = new LoopbackCertificateAuthority();
        using var certificate = authority.IssueServerCertificate(Domain);
        await using var ingress = await IngressStandIn.StartAsync(new Dictionary<string, int> { [Domain] = 200 }, _ => certificate);
        var options = new LiveProbeOptions { Timeout = TimeSpan.FromSeconds(5) };
        options.ExtraTrustedAuthorities.Add(authority.Certificate);

        var result = await Probe(new TableResolver(new Dictionary<string, IPAddress[]>()), options).ProbeAsync(new LiveProbeRequest(Domain, new IngressAddress("127.0.0.1", ingress.Port), Tls: true), CancellationToken.None);

        Assert.True(result.Reachable, result.Detail);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(Domain, Assert.Single(ingress.ServerNames));
    }

    [Fact]
    public async Task An_untrusted_or_wrong_certificate_is_unreachable_with_the_TLS_secret_named()
    {
        using var authority = new LoopbackCertificateAuthority();
        using var other = authority.IssueServerCertificate("other.example.com");
        await using var ingress = await IngressStandIn.StartAsync(new Dictionary<string, int> { [Domain] = 200 }, _ => other);
        var trusting = new LiveProbeOptions { Timeout = TimeSpan.FromSeconds(5) };
        trusting.ExtraTrustedAuthorities.Add(authority.Certificate);
        var request = new LiveProbeRequest(Domain, new IngressAddress("127.0.0.1", ingress.Port), Tls: true);

        var untrusted = await Probe(new TableResolver(new Dictionary<string, IPAddress[]>())).ProbeAsync(request, CancellationToken.None);
        var wrongName = await Probe(new TableResolver(new Dictionary<string, IPAddress[]>()), trusting).ProbeAsync(request, CancellationToken.None);

        Assert.False(untrusted.Reachable);
        Assert.Contains("the certificate is not", untrusted.Detail, StringComparison.Ordinal);
        Assert.Contains("Check the Ingress's TLS secret", untrusted.Detail, StringComparison.Ordinal);
        Assert.False(wrongName.Reachable);
        Assert.Contains("the certificate is not for this domain", wrongName.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registered_probe_is_the_http_probe_and_uses_the_registered_resolver()
    {
        await using var bed = await KubernetesTestBed.StartAsync(o => o.RunControllers = false);
        var resolver = new TableResolver(new Dictionary<string, IPAddress[]>());
        using var services = bed.Services(configure: s => s.AddSingleton<IHostNameResolver>(resolver));
        await using var ingress = await IngressStandIn.StartAsync(new Dictionary<string, int> { [Domain] = 200 });

        var result = await services.GetRequiredService<ILiveSiteProbe>().ProbeAsync(new LiveProbeRequest(Domain, new IngressAddress("127.0.0.1", ingress.Port), Tls: false), CancellationToken.None);

        Assert.True(result.Reachable);
        Assert.Equal([Domain], resolver.Asked);
    }

    private static HttpLiveSiteProbe Probe(IHostNameResolver resolver, LiveProbeOptions? options = null) =>
        new(resolver, options ?? new LiveProbeOptions { Timeout = TimeSpan.FromSeconds(5) }, NullLogger<HttpLiveSiteProbe>.Instance);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
