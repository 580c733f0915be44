using Provisioner.Simulators.Kubernetes;

namespace Provisioner.Sandbox;

/// <summary>
/// How long the sandbox's systems take: short enough that a provision is live within seconds of its
/// merge, long enough that every wait (the Jenkins queue, the build, the rollout, the Ingress
/// address) is seen over several looks, as with the real systems.
/// </summary>
public sealed record SandboxPacing
{
    /// <summary>The pacing the runner and the sandbox process use.</summary>
    public static SandboxPacing Default { get; } = new();

    /// <summary>How long a queued build waits for an executor.</summary>
    public TimeSpan QueueWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a build stage takes (building the image takes twice as long).</summary>
    public TimeSpan Stage { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many builds run at once (Jenkins' executors).</summary>
    public int Executors { get; init; } = 4;

    /// <summary>From a pod's creation to its scheduling.</summary>
    public TimeSpan Schedule { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long an image pull takes.</summary>
    public TimeSpan Pull { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>From a started container to its passing readiness probe.</summary>
    public TimeSpan Ready { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>From an Ingress to its load-balancer address.</summary>
    public TimeSpan IngressAddress { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Every Deployment's progress deadline: a rollout that makes no progress this long (an image that
    /// cannot be pulled, a crash loop) fails with ProgressDeadlineExceeded, as with
    /// <c>progressDeadlineSeconds</c>, instead of after the default 10 minutes.
    /// </summary>
    public TimeSpan ProgressDeadline { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The Kubernetes simulator's controller timings for this pacing.</summary>
    internal ControllerTimings ControllerTimings() => new()
    {
        Schedule = Schedule,
        Pull = Pull,
        Ready = Ready,
        Crash = Ready,
        BackOff = Pull,
        IngressAddress = IngressAddress,
        ProgressDeadline = ProgressDeadline,
    };
}
