using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Simulators.Common.Hosting;

/// <summary>
/// A throwaway certificate authority for simulators that must speak TLS (kubectl sends a kubeconfig's
/// credentials only over https): it issues server certificates for loopback addresses and host names,
/// and clients trust it through <see cref="CertificatePem"/> (e.g. a kubeconfig's
/// <c>certificate-authority-data</c>). Keys live in memory only.
/// </summary>
public sealed class LoopbackCertificateAuthority : IDisposable
{
    private readonly X509Certificate2 authority;

    /// <summary>Creates a new authority, valid for a day.</summary>
    public LoopbackCertificateAuthority(string name = "Provisioner simulator CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>The authority's certificate (no private key), to trust.</summary>
    public X509Certificate2 Certificate => X509CertificateLoader.LoadCertificate(authority.RawData);

    /// <summary>The authority's certificate in PEM.</summary>
    public string CertificatePem => authority.ExportCertificatePem();

    /// <summary>A server certificate with its private key for these IP addresses and DNS names, signed by this authority.</summary>
    public X509Certificate2 IssueServerCertificate(params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={names.FirstOrDefault() ?? "localhost"}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(23), serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Forgets the authority's key.</summary>
    public void Dispose() => authority.Dispose();
}
