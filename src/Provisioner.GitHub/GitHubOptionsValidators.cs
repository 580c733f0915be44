using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;

namespace Provisioner.GitHub;

/// <summary>
/// Checks <see cref="GitHubOptions"/>. Each failure names a setting to set: GitHub integration
/// settings fail the step that needs them (as "not configured: set …"), never the app's start.
/// </summary>
internal sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DevOpsTeamSlug))
        {
            failures.Add(SettingNames.GitHubDevOpsTeamSlug);
        }

        TokenSafe(SettingNames.GitHubApiUrl, options.ApiUrl, failures);
        TokenSafe(SettingNames.McpGitHubServerEndpoint, options.McpServerEndpoint, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The token goes to these addresses: plain http only where it cannot leave the machine.</summary>
    private static void TokenSafe(string setting, Uri? address, List<string> failures)
    {
        if (address is not null && !(address.IsAbsoluteUri && (address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && address.IsLoopback))))
        {
            failures.Add(setting + " (an absolute https URL; http only on loopback)");
        }
    }
}

/// <summary>Checks <see cref="SitesRepositoryOptions"/>; each failure names a setting to set.</summary>
internal sealed class SitesRepositoryOptionsValidator : IValidateOptions<SitesRepositoryOptions>
{
    public ValidateOptionsResult Validate(string? name, SitesRepositoryOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Owner))
        {
            failures.Add(SettingNames.GitHubOwner);
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add(SettingNames.GitHubRepo);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
