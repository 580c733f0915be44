using Microsoft.Extensions.Options;
using Provisioner.Workflow.Integrations;

namespace Provisioner.GitHub;

/// <summary>The validated GitHub settings one connection uses.</summary>
/// <param name="Owner">Owner of the sites repository.</param>
/// <param name="Repository">The sites repository.</param>
/// <param name="DevOpsTeamSlug">The team asked to review.</param>
/// <param name="ApiUrl">API base address override (GitHub Enterprise Server, the simulator), or null for github.com.</param>
/// <param name="McpEndpoint">The GitHub MCP server's streamable-HTTP endpoint, or null to use REST only.</param>
internal sealed record GitHubSettings(string Owner, string Repository, string DevOpsTeamSlug, Uri? ApiUrl, Uri? McpEndpoint)
{
    /// <summary>The settings; throws <see cref="IntegrationNotConfiguredException"/> naming every missing or invalid one.</summary>
    public static GitHubSettings Resolve(IOptions<SitesRepositoryOptions> repository, IOptions<GitHubOptions> gitHub)
    {
        var failures = new List<string>();
        var sites = Read(repository, failures);
        var options = Read(gitHub, failures);
        return failures.Count > 0 || sites is null || options is null
            ? throw new IntegrationNotConfiguredException("GitHub", string.Join(", ", failures))
            : new GitHubSettings(sites.Owner!.Trim(), sites.Name!.Trim(), options.DevOpsTeamSlug!.Trim(), options.ApiUrl, options.McpServerEndpoint);
    }

    private static T? Read<T>(IOptions<T> options, List<string> failures)
        where T : class
    {
        try
        {
            return options.Value;
        }
        catch (OptionsValidationException invalid)
        {
            failures.AddRange(invalid.Failures);
            return null;
        }
    }
}
