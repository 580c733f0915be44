using Microsoft.Extensions.Configuration;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow;

/// <summary>The settings that shape a provision, bound from configuration by their app-setting names.</summary>
public sealed class ProvisioningOptions
{
    /// <summary>The namespace sites run in unless configured.</summary>
    public const string DefaultKubernetesNamespace = "sites";

    /// <summary>How long a pull request may wait for a merge (<see cref="SettingNames.ApprovalTimeout"/>); null keeps <see cref="BaseTimings"/>' own.</summary>
    [ConfigurationKeyName(SettingNames.ApprovalTimeout)]
    public TimeSpan? ApprovalTimeout { get; set; }

    /// <summary>How long a build may take (<see cref="SettingNames.BuildTimeout"/>); null keeps <see cref="BaseTimings"/>' own.</summary>
    [ConfigurationKeyName(SettingNames.BuildTimeout)]
    public TimeSpan? BuildTimeout { get; set; }

    /// <summary>How long a rollout may take (<see cref="SettingNames.RolloutTimeout"/>); null keeps <see cref="BaseTimings"/>' own.</summary>
    [ConfigurationKeyName(SettingNames.RolloutTimeout)]
    public TimeSpan? RolloutTimeout { get; set; }

    /// <summary>
    /// How long the live site may take to answer through its ingress (<see cref="SettingNames.LiveProbeTimeout"/>);
    /// zero turns the probe off; null keeps <see cref="BaseTimings"/>' own.
    /// </summary>
    [ConfigurationKeyName(SettingNames.LiveProbeTimeout)]
    public TimeSpan? LiveProbeTimeout { get; set; }

    /// <summary>Comma-separated parent domains a provision may use (<see cref="SettingNames.AllowedParentDomains"/>); empty allows any.</summary>
    [ConfigurationKeyName(SettingNames.AllowedParentDomains)]
    public string? AllowedParentDomains { get; set; }

    /// <summary>The Kubernetes namespace sites run in (<see cref="SettingNames.KubernetesNamespace"/>).</summary>
    [ConfigurationKeyName(SettingNames.KubernetesNamespace)]
    public string KubernetesNamespace
    {
        get;
        set => field = string.IsNullOrWhiteSpace(value) ? DefaultKubernetesNamespace : value.Trim();
    } = DefaultKubernetesNamespace;

    /// <summary>
    /// Poll intervals, the approval recheck interval and retries of new provisions: not app
    /// settings (the defaults suit production; tests shorten them). The timeout settings above
    /// replace its timeouts when set.
    /// </summary>
    public ProvisionTimings BaseTimings { get; set; } = ProvisionTimings.Default;

    /// <summary>The parent domains of <see cref="AllowedParentDomains"/>, lower-cased, without dots at either end.</summary>
    public IReadOnlyList<string> ParentDomains =>
        (AllowedParentDomains ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Trim('.').ToLowerInvariant())
            .ToArray();

    /// <summary>The timings a new provision runs with.</summary>
    public ProvisionTimings Timings => BaseTimings with
    {
        ApprovalTimeout = ApprovalTimeout ?? BaseTimings.ApprovalTimeout,
        Build = BaseTimings.Build with { Timeout = BuildTimeout ?? BaseTimings.Build.Timeout },
        Rollout = BaseTimings.Rollout with { Timeout = RolloutTimeout ?? BaseTimings.Rollout.Timeout },
        LiveProbe = BaseTimings.LiveProbe with { Timeout = LiveProbeTimeout ?? BaseTimings.LiveProbe.Timeout },
    };
}
