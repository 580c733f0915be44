using Microsoft.Extensions.Options;
using Provisioner.Templates.Catalog;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Templates;

/// <summary>
/// The template folder must exist for the app to do anything, so it is checked at start-up. The
/// templates in it are loaded on first use, so a broken template fails the calls that need it,
/// naming the file, and fixing it takes effect without a restart.
/// </summary>
internal sealed class TemplateSettingsValidator : IValidateOptions<TemplateSettings>
{
    public ValidateOptionsResult Validate(string? name, TemplateSettings options)
    {
        if (options.Root is null)
        {
            return ValidateOptionsResult.Fail(
                $"No '{TemplateRootLocator.FolderName}/' folder with '{IngressTemplate.Label}' was found in '{AppContext.BaseDirectory}' or any parent. " +
                $"Set {SettingNames.TemplateRoot} to the template folder, or ship the repository's templates/ folder with the app.");
        }

        return Directory.Exists(options.Root)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"The template folder '{Path.GetFullPath(options.Root)}' ({SettingNames.TemplateRoot}) does not exist. Set {SettingNames.TemplateRoot} to the folder holding the templates.");
    }
}
