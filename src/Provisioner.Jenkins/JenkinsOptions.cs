using Microsoft.Extensions.Configuration;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Jenkins;

/// <summary>
/// Where Jenkins is and where the site jobs live, bound from the app settings. The API token is not
/// here: it is a secret (<see cref="SettingNames.JenkinsToken"/>), read through
/// <see cref="ISecretProvider"/> on every call so a rotated token takes effect.
/// </summary>
public sealed class JenkinsOptions
{
    /// <summary>The folder used when <see cref="SettingNames.JenkinsFolder"/> is empty.</summary>
    public const string DefaultFolder = "provisioned-sites";

    /// <summary>Jenkins' base URL (<see cref="SettingNames.JenkinsUrl"/>): https, or http on loopback.</summary>
    [ConfigurationKeyName(SettingNames.JenkinsUrl)]
    public string? Url { get; set; }

    /// <summary>The Jenkins user the API token belongs to (<see cref="SettingNames.JenkinsUser"/>).</summary>
    [ConfigurationKeyName(SettingNames.JenkinsUser)]
    public string? User { get; set; }

    /// <summary>The folder (a <c>/</c>-separated path) holding the site jobs (<see cref="SettingNames.JenkinsFolder"/>); empty means <see cref="DefaultFolder"/>.</summary>
    [ConfigurationKeyName(SettingNames.JenkinsFolder)]
    public string? Folder { get; set; }

    /// <summary>The Jenkins credential the jobs clone the sites repository with (<see cref="SettingNames.JenkinsGitCredentialsId"/>); empty clones anonymously.</summary>
    [ConfigurationKeyName(SettingNames.JenkinsGitCredentialsId)]
    public string? GitCredentialsId { get; set; }

    /// <summary>The folder path's segments, <see cref="DefaultFolder"/> when none is set.</summary>
    public IReadOnlyList<string> FolderPath =>
        (string.IsNullOrWhiteSpace(Folder) ? DefaultFolder : Folder).Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
