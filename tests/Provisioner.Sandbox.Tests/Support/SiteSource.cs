using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Sandbox;
using Provisioner.Templates;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Sandbox.Tests.Support;

/// <summary>A site as a provision makes it: the repository's real templates rendered for a domain, committed to a repository of the sandbox's GitHub.</summary>
internal static class SiteSource
{
    private static readonly ITemplateRenderer Renderer = new ServiceCollection()
        .AddTemplates(new ConfigurationBuilder().Build())
        .BuildServiceProvider()
        .GetRequiredService<ITemplateRenderer>();

    public static RenderedSite Render(string domain, string templateId = "static-site") =>
        Renderer.RenderSite(new SiteRenderRequest("prv-sandbox-test", templateId, templateId == "static-site" ? AppType.Frontend : AppType.Backend, SiteIdentity.For(domain, "sites")));

    /// <summary>The site's Ingress, rendered from the repository's Ingress template as the pipeline renders it.</summary>
    public static string Ingress(string domain) =>
        Renderer.RenderIngress(new SiteRenderRequest("prv-sandbox-test", "static-site", AppType.Frontend, SiteIdentity.For(domain, "sites")));

    /// <summary>Creates repository <paramref name="name"/> whose main branch holds <paramref name="files"/> in one commit.</summary>
    public static SeededRepository Commit(SandboxEnvironment sandbox, string name, IReadOnlyDictionary<string, string> files)
    {
        var gitHub = sandbox.GitHubSimulator!;
        var repository = gitHub.State.SeedRepository(sandbox.GitHub!.Owner, name, "main", files);
        lock (gitHub.State.Sync)
        {
            return new SeededRepository($"{gitHub.BaseUrl}{repository.FullName}.git", repository.Refs["refs/heads/main"]);
        }
    }

    /// <summary>The rendered files, by path.</summary>
    public static Dictionary<string, string> Files(this RenderedSite site) => site.Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
}

/// <summary>A repository of the sandbox's GitHub: its clone URL and the commit its main branch points at.</summary>
internal sealed record SeededRepository(string CloneUrl, string Commit);
