using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Provisioner.Templates.Catalog;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Validation;

namespace Provisioner.Templates;

/// <summary>
/// The template folder must exist for the app to do anything, so it is checked at start-up, as is
/// the TLS secret's name the Ingress template writes. The templates in the folder are loaded on
/// first use, so a broken template fails the calls that need it, naming the file, and fixing it
/// takes effect without a restart.
/// </summary>
internal sealed partial class TemplateSettingsValidator : IValidateOptions<TemplateSettings>
{
    public ValidateOptionsResult Validate(string? name, TemplateSettings options)
    {
        var failures = new List<string>();
        if (options.Root is null)
        {
            failures.Add(
                $"No '{TemplateRootLocator.FolderName}/' folder with '{IngressTemplate.Label}' was found in '{AppContext.BaseDirectory}' or any parent. " +
                $"Set {SettingNames.TemplateRoot} to the template folder, or ship the repository's templates/ folder with the app.");
        }
        else if (!Directory.Exists(options.Root))
        {
            failures.Add(
                $"The template folder '{Path.GetFullPath(options.Root)}' ({SettingNames.TemplateRoot}) does not exist. Set {SettingNames.TemplateRoot} to the folder holding the templates.");
        }

        if (options.TlsSecretName is { } secret && !SecretName().IsMatch(secret))
        {
            failures.Add(
                $"Setting {SettingNames.KubernetesTlsSecretName} is '{ClientText.Shorten(secret)}', not a Kubernetes Secret name; set it to the Secret " +
                "in the sites namespace that holds the certificate (lower-case letters, digits, '-' and '.'), e.g. wildcard-example-com-tls, or leave it empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A DNS-1123 subdomain, as the API server requires of a Secret's name.
    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();
}
