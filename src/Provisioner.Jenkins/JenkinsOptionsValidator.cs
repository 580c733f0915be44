using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Jenkins;

/// <summary>
/// Checks the Jenkins settings; each failure names the setting and what it must be, so the
/// IntegrationNotConfiguredException built from them says what to set. Run when a call reads the
/// options, never at start-up: an app without Jenkins still starts and fails only its build step.
/// </summary>
internal sealed class JenkinsOptionsValidator : IValidateOptions<JenkinsOptions>
{
    /// <summary>Characters Jenkins refuses in item names (<c>Jenkins.checkGoodName</c>).</summary>
    private const string UnsafeCharacters = "?*\\%!@#$^&|<>[]:;";

    public ValidateOptionsResult Validate(string? name, JenkinsOptions options)
    {
        var failures = new List<string>();
        var url = options.Url?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            failures.Add(SettingNames.JenkinsUrl);
        }
        else if (!IsSafeBaseUrl(url))
        {
            // The API token travels to this address with every call: clear text only where it cannot leave the machine.
            failures.Add(SettingNames.JenkinsUrl + " (an absolute https URL without credentials, query or fragment; http only on loopback)");
        }

        if (string.IsNullOrWhiteSpace(options.User))
        {
            failures.Add(SettingNames.JenkinsUser);
        }

        if (options.FolderPath.Any(segment => segment is "." or ".." || segment.EndsWith('.') || segment.Any(c => char.IsControl(c) || UnsafeCharacters.Contains(c, StringComparison.Ordinal))))
        {
            failures.Add(SettingNames.JenkinsFolder + $" (folder names separated by '/', none ending with '.' or holding any of {UnsafeCharacters})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSafeBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && uri.UserInfo.Length == 0
        && uri.Query.Length == 0
        && uri.Fragment.Length == 0;
}
