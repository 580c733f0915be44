using Provisioner.Workflow.Integrations;

namespace Provisioner.Templates.Rendering;

/// <summary>Checks a rendered file path: repository-relative, forward slashes, inside the site's folder.</summary>
internal static class RepositoryPaths
{
    public static string Check(string renderedPath, string siteFolder, string fileLabel)
    {
        var segments = renderedPath.Split('/');
        var problem =
            renderedPath.Length == 0 ? "it is empty"
            : segments.Any(s => s is "" or "." or "..") ? "it has an empty, '.' or '..' segment"
            : renderedPath.Contains('\\') || renderedPath.Contains(':') ? "it contains '\\' or ':'"
            : !renderedPath.StartsWith(siteFolder + "/", StringComparison.Ordinal) ? $"it is not inside the site's folder '{siteFolder}/' (start the path with {{{{ site.repository_path }}}}/)"
            : null;

        return problem is null
            ? renderedPath
            : throw new PermanentIntegrationException($"Template file '{fileLabel}' renders to the path {LiquidEngine.Quote(renderedPath)}, which is not allowed: {problem}. Fix the template.");
    }
}
