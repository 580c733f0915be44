using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Kubernetes.Probe;

/// <summary>Tuning of the live-site probe that is not an app setting.</summary>
internal sealed class LiveProbeOptions
{
    /// <summary>How long one probe may take (connect, TLS, response headers).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Certificate authorities trusted besides the system's (a cluster's private CA).</summary>
    public X509Certificate2Collection ExtraTrustedAuthorities { get; } = [];
}
