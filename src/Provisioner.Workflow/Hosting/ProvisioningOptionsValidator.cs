using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Provisioner.Workflow.Validation;

namespace Provisioner.Workflow.Hosting;

/// <summary>Checks <see cref="ProvisioningOptions"/> at start-up; each failure names the setting and what to set it to.</summary>
internal sealed partial class ProvisioningOptionsValidator : IValidateOptions<ProvisioningOptions>
{
    public ValidateOptionsResult Validate(string? name, ProvisioningOptions options)
    {
        var failures = new List<string>();
        Positive(SettingNames.ApprovalTimeout, options.ApprovalTimeout, failures);
        Positive(SettingNames.BuildTimeout, options.BuildTimeout, failures);
        Positive(SettingNames.RolloutTimeout, options.RolloutTimeout, failures);
        if (options.LiveProbeTimeout is { } probe && probe < TimeSpan.Zero)
        {
            failures.Add($"Setting {SettingNames.LiveProbeTimeout} is '{probe}', a negative duration; use hh:mm:ss, e.g. 00:10:00, or 0 to turn the live probe off.");
        }

        foreach (var parent in options.ParentDomains)
        {
            if (DomainName.Validate(parent, [], out _) is not null)
            {
                failures.Add($"Setting {SettingNames.AllowedParentDomains} names '{ClientText.Shorten(parent)}', which is not a domain; " +
                    "set it to comma-separated parent domains, e.g. example.com,example.org.");
            }
        }

        if (!Label().IsMatch(options.KubernetesNamespace))
        {
            failures.Add($"Setting {SettingNames.KubernetesNamespace} is '{ClientText.Shorten(options.KubernetesNamespace)}', not a Kubernetes namespace name; " +
                $"set it to at most 63 lower-case letters, digits and inner hyphens, e.g. {ProvisioningOptions.DefaultKubernetesNamespace}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(string setting, TimeSpan? value, List<string> failures)
    {
        if (value is { } duration && duration <= TimeSpan.Zero)
        {
            failures.Add($"Setting {setting} is '{duration}', not a positive duration; use d.hh:mm:ss, e.g. 7.00:00:00 for 7 days.");
        }
    }

    [GeneratedRegex("^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
