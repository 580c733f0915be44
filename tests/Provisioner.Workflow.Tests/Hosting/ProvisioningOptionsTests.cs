using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Tests.Hosting;

/// <summary>The provisioning settings, bound by their app-setting names and checked at start-up with messages that say what to set.</summary>
public sealed class ProvisioningOptionsTests
{
    [Fact]
    public void Settings_bind_by_their_app_setting_names_and_blank_means_the_default()
    {
        var options = Options(new()
        {
            [SettingNames.ApprovalTimeout] = "2.00:00:00",
            [SettingNames.BuildTimeout] = "",
            [SettingNames.RolloutTimeout] = "00:05:00",
            [SettingNames.AllowedParentDomains] = " Example.com., example.org ",
            [SettingNames.KubernetesNamespace] = "web-sites",
        });

        Assert.Equal(TimeSpan.FromDays(2), options.Timings.ApprovalTimeout);
        Assert.Equal(TimeSpan.FromHours(1), options.Timings.Build.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Timings.Rollout.Timeout);
        Assert.Equal(["example.com", "example.org"], options.ParentDomains);
        Assert.Equal("web-sites", options.KubernetesNamespace);
        Assert.Equal("K8S_NAMESPACE_DEFAULT", SettingNames.KubernetesNamespace);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("00:00:00", 0)]
    [InlineData("00:03:00", 180)]
    [InlineData("", 600)]
    public void The_live_probe_timeout_binds_by_its_name_and_zero_turns_the_probe_off(string value, int seconds)
    {
        var options = Options(new() { [SettingNames.LiveProbeTimeout] = value });

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.Timings.LiveProbe.Timeout);
        Assert.Equal(ProvisionTimings.Default.LiveProbe.FirstInterval, options.Timings.LiveProbe.FirstInterval);
        Assert.Equal("LIVE_PROBE_TIMEOUT", SettingNames.LiveProbeTimeout);
    }

    [Fact]
    public void Without_settings_the_defaults_hold()
    {
        var options = Options([]);

        Assert.Equal(ProvisionTimings.Default, options.Timings);
        Assert.Equal("sites", options.KubernetesNamespace);
        Assert.Empty(options.ParentDomains);
    }

    [Theory]
    [InlineData(SettingNames.ApprovalTimeout, "00:00:00", "Setting APPROVAL_TIMEOUT is '00:00:00', not a positive duration; use d.hh:mm:ss")]
    [InlineData(SettingNames.BuildTimeout, "-01:00:00", "Setting BUILD_TIMEOUT is '-01:00:00', not a positive duration")]
    [InlineData(SettingNames.LiveProbeTimeout, "-00:10:00", "Setting LIVE_PROBE_TIMEOUT is '-00:10:00', a negative duration; use hh:mm:ss, e.g. 00:10:00, or 0 to turn the live probe off.")]
    [InlineData(SettingNames.KubernetesNamespace, "Sites_Prod", "Setting K8S_NAMESPACE_DEFAULT is 'Sites_Prod', not a Kubernetes namespace name")]
    [InlineData(SettingNames.AllowedParentDomains, "example.com,not a domain", "Setting ALLOWED_PARENT_DOMAINS names 'not a domain', which is not a domain")]
    public void An_invalid_setting_stops_the_start_naming_it(string setting, string value, string message)
    {
        using var services = Services(new() { [setting] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failure.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    private static ProvisioningOptions Options(Dictionary<string, string?> settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<ProvisioningOptions>>().Value;
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddProvisioningWorkflow(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
