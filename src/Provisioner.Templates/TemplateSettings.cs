namespace Provisioner.Templates;

/// <summary>Where templates come from and the cluster-wide values templates may use.</summary>
public sealed class TemplateSettings
{
    /// <summary>
    /// Folder of the template catalog (<c>TEMPLATE_ROOT</c>). When null, the first <c>templates/</c> folder
    /// holding <c>ingress/ingress.yaml.liquid</c> found walking up from the app's base directory.
    /// </summary>
    public string? Root { get; set; }

    /// <summary>The <c>ingressClassName</c> of site Ingresses (<c>K8S_INGRESS_CLASS</c>). Default <c>nginx</c>.</summary>
    public string IngressClassName { get; set; } = "nginx";

    /// <summary>The cert-manager ClusterIssuer (<c>K8S_CLUSTER_ISSUER</c>); when set, Ingresses get TLS.</summary>
    public string? ClusterIssuer { get; set; }

    /// <summary>
    /// Registry and path prefix of site images; a site's image is <c>{ImageRegistry}/{AppName}</c>.
    /// Set by <c>CONTAINER_REGISTRY</c>; the default is a placeholder to override.
    /// </summary>
    public string ImageRegistry { get; set; } = "registry.example.com/sites";
}
