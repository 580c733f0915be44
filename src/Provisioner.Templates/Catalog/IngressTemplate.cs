namespace Provisioner.Templates.Catalog;

/// <summary>Where the Ingress template lives in the catalog folder; that folder is not a site template.</summary>
internal static class IngressTemplate
{
    public const string FolderName = "ingress";

    public const string FileName = "ingress.yaml.liquid";

    public static string Label => $"{FolderName}/{FileName}";
}
