namespace Provisioner.Kubernetes.Connection;

/// <summary>Tuning of the Kubernetes client that is not an app setting (tests shorten it).</summary>
internal sealed class KubernetesClientOptions
{
    /// <summary>How long one API call may take before it counts as a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many of a rollout's unready pods the evidence lists.</summary>
    public int MaxPods { get; set; } = 5;

    /// <summary>How many Warning events the evidence lists (the latest).</summary>
    public int MaxEvents { get; set; } = 10;

    /// <summary>Longer event and container messages are cut to this many characters.</summary>
    public int MaxMessageLength { get; set; } = 300;
}
