using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Kubernetes.Probe;

/// <summary>
/// Asks the ingress controller for the site as a browser would once DNS points at it: connects to
/// the ingress address (and port, when reported) and GETs with the domain as Host header and as TLS
/// server name, so it works before DNS does. Separately, looks whether the domain already resolves
/// to that address. Follows no redirect and uses no proxy.
/// </summary>
internal sealed class HttpLiveSiteProbe(IHostNameResolver resolver, LiveProbeOptions options, ILogger<HttpLiveSiteProbe> logger) : ILiveSiteProbe
{
    public async Task<LiveProbeResult> ProbeAsync(LiveProbeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var port = request.Ingress.Port ?? (request.Tls ? 443 : 80);
        var ingressAddresses = IPAddress.TryParse(request.Ingress.Address, out var ip)
            ? [ip]
            : await resolver.ResolveAsync(request.Ingress.Address, cancellationToken);
        var domainAddresses = await resolver.ResolveAsync(request.Domain, cancellationToken);
        var dnsReady = domainAddresses.Intersect(ingressAddresses).Any();
        var endpoint = $"{request.Ingress.Address}:{port}";
        if (ingressAddresses.Count == 0)
        {
            return new LiveProbeResult(false, null, dnsReady, $"The ingress address {request.Ingress.Address} does not resolve. Check the ingress controller's Service.");
        }

        string? certificateProblem = null;
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = options.Timeout,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(ingressAddresses.Select(a => new IPEndPoint(a, port)).First(), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = request.Domain,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    var trusted = Validate(certificate, chain, errors);
                    certificateProblem = trusted ? null : Describe(errors, certificate);
                    return trusted;
                },
            },
        };
        using var client = new HttpClient(handler) { Timeout = options.Timeout };
        var scheme = request.Tls ? "https" : "http";
        using var message = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(scheme, request.Domain, port, request.Path).Uri);
        message.Headers.Host = request.Domain;
        message.Headers.UserAgent.ParseAdd("Provisioner-LiveProbe/1.0");
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            var detail = $"GET {scheme}://{request.Domain}{request.Path} through {endpoint} answered {code} {response.ReasonPhrase}.";
            logger.LogInformation("Live probe of {Domain} through {Endpoint}: {Status}; DNS points at the ingress: {DnsReady}", request.Domain, endpoint, code, dnsReady);
            return new LiveProbeResult(code < 500, code, dnsReady, detail);
        }
        catch (HttpRequestException ex) when (certificateProblem is not null || ex.InnerException is AuthenticationException)
        {
            return Unreachable(request, dnsReady, $"The TLS handshake with {endpoint} for {request.Domain} failed: {certificateProblem ?? ex.InnerException?.Message}. Check the Ingress's TLS secret (and cert-manager's Certificate for it).");
        }
        catch (HttpRequestException ex)
        {
            return Unreachable(request, dnsReady, $"Nothing answered at {endpoint} for {request.Domain}: {ex.Message} Check the ingress controller's Service and logs.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable(request, dnsReady, $"{endpoint} did not answer within {options.Timeout.TotalSeconds:0}s for {request.Domain}. Check the ingress controller's logs.");
        }
    }

    private LiveProbeResult Unreachable(LiveProbeRequest request, bool dnsReady, string detail)
    {
        logger.LogInformation("Live probe of {Domain} failed: {Detail}", request.Domain, detail);
        return new LiveProbeResult(false, null, dnsReady, detail);
    }

    private bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only a chain that is untrusted by the system may still end at a configured authority; a wrong name never passes.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null || options.ExtraTrustedAuthorities.Count == 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(options.ExtraTrustedAuthorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    private static string Describe(SslPolicyErrors errors, X509Certificate? certificate)
    {
        var subject = certificate?.Subject is { Length: > 0 } s ? $" (certificate {s})" : string.Empty;
        return errors switch
        {
            SslPolicyErrors.RemoteCertificateNotAvailable => "the server sent no certificate",
            _ when errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) => $"the certificate is not for this domain{subject}",
            _ => $"the certificate is not trusted{subject}",
        };
    }
}
