using System.Collections.Concurrent;
using Provisioner.Sandbox.Cluster;
using Provisioner.Sandbox.GitHub;
using Provisioner.Sandbox.Registry;

namespace Provisioner.Sandbox.Builds;

/// <summary>
/// What the sandbox's Jenkins builds with: the credential it clones the sites repository with, the
/// cluster it deploys to, the registry it pushes to, and its pace. Repositories are kept by clone
/// URL, so what one build read of a commit the next build and the ingress stand-in reuse.
/// </summary>
internal sealed class SandboxBuildSettings(string checkoutToken, ManifestApplier? cluster, SandboxRegistry registry, SandboxPacing pacing, HttpClient http)
{
    private readonly ConcurrentDictionary<string, GitHubRepository?> repositories = new(StringComparer.Ordinal);

    /// <summary>The cluster the Deploy stage applies to; null when the sandbox has none to deploy to.</summary>
    public ManifestApplier? Cluster { get; } = cluster;

    /// <summary>Where pushed images go.</summary>
    public SandboxRegistry Registry { get; } = registry;

    /// <summary>How long stages take.</summary>
    public SandboxPacing Pacing { get; } = pacing;

    /// <summary>The repository a job's SCM URL names, or null when it names none.</summary>
    public GitHubRepository? Repository(string? cloneUrl) =>
        cloneUrl is null ? null : repositories.GetOrAdd(cloneUrl, url => GitHubRepository.FromCloneUrl(url, checkoutToken, http));
}
