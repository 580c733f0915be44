using Microsoft.Extensions.Configuration;
using Provisioner.Workflow.Hosting;

namespace Provisioner.GitHub;

/// <summary>How Provisioner talks to GitHub, bound from configuration by the app-setting names.</summary>
public sealed class GitHubOptions
{
    /// <summary>Slug of the team asked to review (<see cref="SettingNames.GitHubDevOpsTeamSlug"/>).</summary>
    [ConfigurationKeyName(SettingNames.GitHubDevOpsTeamSlug)]
    public string? DevOpsTeamSlug { get; set; }

    /// <summary>API base address override: GitHub Enterprise Server or the simulator (<see cref="SettingNames.GitHubApiUrl"/>); null for github.com.</summary>
    [ConfigurationKeyName(SettingNames.GitHubApiUrl)]
    public Uri? ApiUrl { get; set; }

    /// <summary>A GitHub MCP server's streamable-HTTP endpoint (<see cref="SettingNames.McpGitHubServerEndpoint"/>); null to use REST only.</summary>
    [ConfigurationKeyName(SettingNames.McpGitHubServerEndpoint)]
    public Uri? McpServerEndpoint { get; set; }
}

/// <summary>The sites repository: where provisions open their pull requests and whose webhook deliveries count.</summary>
public sealed class SitesRepositoryOptions
{
    /// <summary>Its owner, an organization or a user (<see cref="SettingNames.GitHubOwner"/>).</summary>
    [ConfigurationKeyName(SettingNames.GitHubOwner)]
    public string? Owner { get; set; }

    /// <summary>Its name (<see cref="SettingNames.GitHubRepo"/>).</summary>
    [ConfigurationKeyName(SettingNames.GitHubRepo)]
    public string? Name { get; set; }

    /// <summary><c>owner/name</c>, as GitHub's payloads spell it.</summary>
    public string FullName => $"{Owner?.Trim()}/{Name?.Trim()}";
}
