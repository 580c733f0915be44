using Microsoft.Extensions.Configuration;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;

namespace Provisioner.GitHub;

/// <summary>The GitHub settings, read only through <see cref="SettingNames"/>.</summary>
/// <param name="Owner">Owner of the sites repository.</param>
/// <param name="Repository">The sites repository.</param>
/// <param name="DevOpsTeamSlug">The team asked to review.</param>
/// <param name="ApiUrl">API base address override (GitHub Enterprise Server, the simulator), or null for github.com.</param>
/// <param name="McpEndpoint">The GitHub MCP server's streamable-HTTP endpoint, or null to use REST only.</param>
internal sealed record GitHubSettings(string Owner, string Repository, string DevOpsTeamSlug, Uri? ApiUrl, Uri? McpEndpoint)
{
    /// <summary>Reads the settings; throws <see cref="IntegrationNotConfiguredException"/> naming every missing or invalid one.</summary>
    public static GitHubSettings Read(IConfiguration configuration)
    {
        var missing = new List<string>();
        string Required(string name)
        {
            var value = configuration[name]?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                missing.Add(name);
            }

            return value ?? string.Empty;
        }

        Uri? OptionalUri(string name)
        {
            var value = configuration[name]?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            // The token goes to these addresses: plain http only where it cannot leave the machine.
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) &&
                (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            {
                return uri;
            }

            missing.Add(name + " (an absolute https URL; http only on loopback)");
            return null;
        }

        var settings = new GitHubSettings(
            Required(SettingNames.GitHubOwner),
            Required(SettingNames.GitHubRepo),
            Required(SettingNames.GitHubDevOpsTeamSlug),
            OptionalUri(SettingNames.GitHubApiUrl),
            OptionalUri(SettingNames.McpGitHubServerEndpoint));
        return missing.Count == 0 ? settings : throw new IntegrationNotConfiguredException("GitHub", string.Join(", ", missing));
    }
}
