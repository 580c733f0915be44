namespace Provisioner.Templates.Catalog;

/// <summary>
/// Finds the default catalog folder: the first <c>templates/</c> folder holding the Ingress template,
/// looking in the app's base directory and then each parent (so it works from a published app that
/// ships <c>templates/</c> next to it, and from <c>bin/</c> folders inside the repository).
/// </summary>
internal static class TemplateRootLocator
{
    public const string FolderName = "templates";

    public static string? Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FolderName);
            if (File.Exists(Path.Combine(candidate, IngressTemplate.FolderName, IngressTemplate.FileName)))
            {
                return candidate;
            }
        }

        return null;
    }
}
