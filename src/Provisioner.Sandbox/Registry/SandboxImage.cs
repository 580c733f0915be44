using Provisioner.Sandbox.GitHub;
using Provisioner.Sandbox.Outcomes;
using Provisioner.Simulators.Kubernetes;

namespace Provisioner.Sandbox.Registry;

/// <summary>An image the sandbox's Jenkins pushed: the commit it was built from and what it serves.</summary>
/// <param name="Reference">The full reference, <c>IMAGE:&lt;commit12&gt;-&lt;build&gt;</c>.</param>
/// <param name="Repository">The repository it was built from.</param>
/// <param name="Commit">The commit it was built from.</param>
/// <param name="App">What it serves.</param>
/// <param name="Effect">The scripted failure it carries, if any.</param>
internal sealed record SandboxImage(string Reference, GitHubRepository Repository, string Commit, SiteApp App, ScriptedEffect? Effect)
{
    /// <summary>What the cluster's kubelet does with it.</summary>
    public ImageBehavior Behavior => Effect switch
    {
        ScriptedEffect.ImageCannotBePulled => ImageBehavior.Missing,
        ScriptedEffect.CrashLoop => ImageBehavior.Crashes,
        ScriptedEffect.NeverReady => ImageBehavior.NeverReady,
        _ => ImageBehavior.Runs,
    };
}
