using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Provisioner.Simulators.Kubernetes;

/// <summary>How a <see cref="KubernetesSimulator"/> behaves: its credentials, its namespace, the ingress controller and the pace of its controllers.</summary>
public sealed class KubernetesSimulatorOptions
{
    /// <summary>The namespace that exists from the start (besides <c>default</c>). Default <c>sites</c>.</summary>
    public string Namespace { get; set; } = "sites";

    /// <summary>The bearer token the API accepts; a random one per simulator unless set.</summary>
    public string Token { get; set; } = "sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The user the token authenticates as; named in 403 messages.</summary>
    public string UserName { get; set; } = "system:serviceaccount:sites:provisioner";

    /// <summary>Which verbs on which resources the user may use (all, unless restricted).</summary>
    public AccessPolicy Access { get; } = new();

    /// <summary>The Ingress class the simulated ingress controller serves. Default <c>nginx</c>.</summary>
    public string IngressClass { get; set; } = "nginx";

    /// <summary>The address the ingress controller reports for its Ingresses: an IP or a host name. Default <c>127.0.0.1</c>.</summary>
    public string IngressAddress { get; set; } = "127.0.0.1";

    /// <summary>The port the ingress controller reports (<c>ports[].port</c>), e.g. a local ingress stand-in's; none by default.</summary>
    public int? IngressPort { get; set; }

    /// <summary>False to leave every object as written: no ReplicaSets, Pods, statuses or addresses (to seed exact states).</summary>
    public bool RunControllers { get; set; } = true;

    /// <summary>What the kubelet does with each image, by full reference or by repository (without tag); unlisted images run and become ready. Safe to change while the controllers run (a build scripts the image it pushes).</summary>
    public ConcurrentDictionary<string, ImageBehavior> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>The pace of the control plane.</summary>
    public ControllerTimings Timings { get; set; } = new();

    /// <summary>The clock of the controllers and timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How many changes are kept for watches that resume from a resource version.</summary>
    public int WatchHistory { get; set; } = 10_000;

    /// <summary>What happens to an image: the full reference first, then the repository without tag or digest.</summary>
    public ImageBehavior BehaviorOf(string image)
    {
        if (Images.TryGetValue(image, out var exact))
        {
            return exact;
        }

        var repository = image.Split('@')[0];
        var colon = repository.LastIndexOf(':');
        if (colon > repository.LastIndexOf('/'))
        {
            repository = repository[..colon];
        }

        return Images.GetValueOrDefault(repository, ImageBehavior.Runs);
    }
}

/// <summary>A scripted image.</summary>
public enum ImageBehavior
{
    /// <summary>Pulls, starts and becomes ready.</summary>
    Runs,

    /// <summary>The registry has no such image: ErrImagePull, then ImagePullBackOff.</summary>
    Missing,

    /// <summary>Starts and exits with code 1 soon after, again and again: CrashLoopBackOff with restarts.</summary>
    Crashes,

    /// <summary>Runs but its readiness probe fails (HTTP 503): the rollout never completes.</summary>
    NeverReady,
}

/// <summary>How long each step of the control plane takes.</summary>
public sealed record ControllerTimings
{
    /// <summary>How often the controllers look when nothing wakes them.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>From a pod's creation to its scheduling.</summary>
    public TimeSpan Schedule { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long an image pull takes.</summary>
    public TimeSpan Pull { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>From a started container to its passing readiness probe.</summary>
    public TimeSpan Ready { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a crashing container runs before it exits.</summary>
    public TimeSpan Crash { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The first back-off after a failed pull or a crash (doubling, at most 8 times this).</summary>
    public TimeSpan BackOff { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>From an Ingress of the served class to its load-balancer address.</summary>
    public TimeSpan IngressAddress { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>When set, replaces every Deployment's <c>spec.progressDeadlineSeconds</c> (600 s by default) so a stuck rollout fails quickly.</summary>
    public TimeSpan? ProgressDeadline { get; init; }
}
