using System.Globalization;
using Microsoft.Extensions.Configuration;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow;

/// <summary>The settings that shape a provision, read once from configuration.</summary>
public sealed class ProvisioningOptions
{
    /// <summary>Parent domains a provision may use; empty allows any.</summary>
    public IReadOnlyCollection<string> AllowedParentDomains { get; init; } = [];

    /// <summary>The Kubernetes namespace sites run in.</summary>
    public string KubernetesNamespace { get; init; } = "sites";

    /// <summary>Timeouts, poll intervals and retries of new provisions.</summary>
    public ProvisionTimings Timings { get; init; } = ProvisionTimings.Default;

    /// <summary>Reads the options from configuration (see <see cref="SettingNames"/>); a malformed value throws naming the setting.</summary>
    public static ProvisioningOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = ProvisionTimings.Default;
        return new ProvisioningOptions
        {
            AllowedParentDomains = (configuration[SettingNames.AllowedParentDomains] ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(d => d.Trim('.').ToLowerInvariant())
                .ToArray(),
            KubernetesNamespace = NonEmpty(configuration[SettingNames.KubernetesNamespace]) ?? "sites",
            Timings = defaults with
            {
                ApprovalTimeout = Duration(configuration, SettingNames.ApprovalTimeout, defaults.ApprovalTimeout),
                Build = defaults.Build with { Timeout = Duration(configuration, SettingNames.BuildTimeout, defaults.Build.Timeout) },
                Rollout = defaults.Rollout with { Timeout = Duration(configuration, SettingNames.RolloutTimeout, defaults.Rollout.Timeout) },
            },
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static TimeSpan Duration(IConfiguration configuration, string name, TimeSpan fallback)
    {
        var text = NonEmpty(configuration[name]);
        if (text is null)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException(
                $"Setting {name} is '{text}', not a positive duration; use d.hh:mm:ss, e.g. 7.00:00:00 for 7 days.");
    }
}
