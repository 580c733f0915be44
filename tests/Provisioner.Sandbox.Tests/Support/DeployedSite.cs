using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.Sandbox.Tests.Support;

/// <summary>A site the sandbox's Jenkins built and deployed and whose Ingress is applied, as a provision leaves it.</summary>
/// <param name="Domain">Its domain.</param>
/// <param name="Files">The files of its commit.</param>
/// <param name="Image">The image its pods run.</param>
internal sealed record DeployedSite(string Domain, IReadOnlyDictionary<string, string> Files, string Image)
{
    /// <summary>Renders <paramref name="templateId"/> for <paramref name="domain"/> (with <paramref name="extraFiles"/>), builds and deploys it, waits for its rollout, applies its Ingress.</summary>
    public static async Task<DeployedSite> DeployAsync(SandboxEnvironment sandbox, string domain, string templateId = "static-site", IReadOnlyDictionary<string, string>? extraFiles = null, bool waitForRollout = true)
    {
        RenderedSite site = SiteSource.Render(domain, templateId);
        var files = site.Files();
        foreach (var (path, content) in extraFiles ?? new Dictionary<string, string>())
        {
            files[path] = content;
        }

        var name = site.BuildParameters["APP_NAME"];
        var repository = SiteSource.Commit(sandbox, "sites-" + name, files);
        using var jobs = new SiteJobs(sandbox);
        await jobs.CreateAsync(name, repository.CloneUrl, $"sites/{domain}/Jenkinsfile");
        var build = await jobs.BuildAsync(name, new Dictionary<string, string>(site.BuildParameters) { ["GIT_COMMIT"] = repository.Commit });
        Assert.True(build.Result == "SUCCESS", build.ToString());
        using var cluster = new SandboxCluster(sandbox);
        if (waitForRollout)
        {
            await cluster.WaitForRolloutAsync(name);
        }

        var address = await cluster.ApplyIngressAsync(SiteSource.Ingress(domain));
        Assert.Equal("127.0.0.1", address.Ip);
        Assert.Equal(sandbox.Ingress!.Port, Assert.Single(address.Ports).Port);
        return new DeployedSite(domain, files, $"{site.BuildParameters["IMAGE"]}:{repository.Commit[..12]}-{build.Number}");
    }
}
