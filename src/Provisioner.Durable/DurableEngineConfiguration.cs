using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Provisioner.Durable;

/// <summary>Reads <see cref="DurableEngineOptions"/>: host.json first, then the Functions host's overrides.</summary>
internal static partial class DurableEngineConfiguration
{
    private const string HostJsonResource = "Provisioner.Durable.host.json";

    private static readonly Lazy<IConfiguration> HostJsonDurableTask = new(() =>
    {
        using var stream = typeof(DurableEngineConfiguration).Assembly.GetManifestResourceStream(HostJsonResource)
            ?? throw new InvalidOperationException($"{HostJsonResource} is missing from {typeof(DurableEngineConfiguration).Assembly.GetName().Name}: the build embeds the repository's host.json.");
        return new ConfigurationBuilder().AddJsonStream(stream).Build().GetSection("extensions:durableTask");
    });

    public static void Bind(DurableEngineOptions options, IConfiguration configuration)
    {
        HostJsonDurableTask.Value.Bind(options);
        configuration.GetSection(DurableEngineOptions.OverrideSection).Bind(options);
        options.HubName = ResolveSettings(options.HubName, configuration) ?? DurableEngineOptions.DefaultHubName;
    }

    /// <summary>Replaces each <c>%NAME%</c> with the setting's value, as the Functions host does; null when one is not set.</summary>
    private static string? ResolveSettings(string value, IConfiguration configuration)
    {
        var unresolved = false;
        var resolved = SettingReference().Replace(value, match =>
        {
            var setting = configuration[match.Groups[1].Value];
            unresolved |= string.IsNullOrWhiteSpace(setting);
            return setting?.Trim() ?? "";
        });
        return unresolved || resolved.Length == 0 ? null : resolved;
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
