namespace Provisioner.Sandbox.Outcomes;

/// <summary>What the sandbox does to a site whose domain starts with a scripted prefix.</summary>
public enum ScriptedEffect
{
    /// <summary>The build fails while building the image; its console says why.</summary>
    BuildFails,

    /// <summary>The image is pushed where the cluster cannot pull it: ErrImagePull, then ImagePullBackOff.</summary>
    ImageCannotBePulled,

    /// <summary>The container exits soon after it starts, again and again: CrashLoopBackOff.</summary>
    CrashLoop,

    /// <summary>The container runs but its readiness probe never passes.</summary>
    NeverReady,
}

/// <summary>
/// A failure the sandbox plays on purpose, chosen by the domain's first label, so the failure paths
/// can be tried from the UI or the API: <c>fail-build.shop.example.com</c> fails its build.
/// </summary>
/// <param name="DomainPrefix">The domain's beginning, e.g. <c>fail-build.</c>.</param>
/// <param name="Effect">What happens.</param>
/// <param name="Step">The provision step where it shows (<c>build</c>, <c>rollout</c>).</param>
/// <param name="Outcome">What the provision shows, for people.</param>
public sealed record ScriptedOutcome(string DomainPrefix, ScriptedEffect Effect, string Step, string Outcome)
{
    /// <summary>Every scripted outcome.</summary>
    public static IReadOnlyList<ScriptedOutcome> All { get; } =
    [
        new("fail-build.", ScriptedEffect.BuildFails, "build",
            "The Jenkins build fails at its Build image stage: the provision ends Failed at Build, with the console's last lines."),
        new("bad-image.", ScriptedEffect.ImageCannotBePulled, "rollout",
            "The build pushes an image the cluster cannot pull: the pods show ErrImagePull and ImagePullBackOff, and the provision ends Failed at Rollout once the progress deadline passes."),
        new("crash.", ScriptedEffect.CrashLoop, "rollout",
            "The container exits right after it starts, again and again: CrashLoopBackOff, and the provision ends Failed at Rollout."),
        new("not-ready.", ScriptedEffect.NeverReady, "rollout",
            "The container runs but its readiness probe keeps failing: the provision ends Failed at Rollout."),
    ];

    /// <summary>The outcome scripted for a domain, or null for a site that goes live.</summary>
    public static ScriptedOutcome? For(string? domain) =>
        string.IsNullOrEmpty(domain) ? null : All.FirstOrDefault(o => domain.StartsWith(o.DomainPrefix, StringComparison.OrdinalIgnoreCase));
}
