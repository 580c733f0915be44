using Microsoft.Extensions.Configuration;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Templates;

/// <summary>Where templates come from and the cluster-wide values templates may use, bound from configuration by the app-setting names.</summary>
public sealed class TemplateSettings
{
    /// <summary>The ingress class unless configured.</summary>
    public const string DefaultIngressClassName = "nginx";

    /// <summary>The image registry unless configured: a placeholder to override.</summary>
    public const string DefaultImageRegistry = "registry.example.com/sites";

    /// <summary>
    /// Folder of the template catalog (<see cref="SettingNames.TemplateRoot"/>). When not set, the first
    /// <c>templates/</c> folder holding <c>ingress/ingress.yaml.liquid</c> found walking up from the app's base directory.
    /// </summary>
    [ConfigurationKeyName(SettingNames.TemplateRoot)]
    public string? Root { get; set => field = Blank(value); }

    /// <summary>The <c>ingressClassName</c> of site Ingresses (<see cref="SettingNames.KubernetesIngressClass"/>). Default <c>nginx</c>.</summary>
    [ConfigurationKeyName(SettingNames.KubernetesIngressClass)]
    public string IngressClassName { get; set => field = Blank(value) ?? DefaultIngressClassName; } = DefaultIngressClassName;

    /// <summary>The cert-manager ClusterIssuer (<see cref="SettingNames.KubernetesClusterIssuer"/>); when set, Ingresses get TLS.</summary>
    [ConfigurationKeyName(SettingNames.KubernetesClusterIssuer)]
    public string? ClusterIssuer { get; set => field = Blank(value); }

    /// <summary>
    /// The Secret holding the Ingresses' certificate (<see cref="SettingNames.KubernetesTlsSecretName"/>);
    /// when set, Ingresses get TLS with it. Unset, a site's secret is <c>{app name}-tls</c>, which
    /// cert-manager fills when <see cref="ClusterIssuer"/> is set.
    /// </summary>
    [ConfigurationKeyName(SettingNames.KubernetesTlsSecretName)]
    public string? TlsSecretName { get; set => field = Blank(value); }

    /// <summary>
    /// Registry and path prefix of site images (<see cref="SettingNames.ContainerRegistry"/>); a site's
    /// image is <c>{ImageRegistry}/{AppName}</c>. The default is a placeholder to override.
    /// </summary>
    [ConfigurationKeyName(SettingNames.ContainerRegistry)]
    public string ImageRegistry { get; set => field = Blank(value) ?? DefaultImageRegistry; } = DefaultImageRegistry;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
