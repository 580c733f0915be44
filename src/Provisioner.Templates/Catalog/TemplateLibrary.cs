using Fluid;
using Provisioner.Templates.Rendering;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Templates.Catalog;

/// <summary>
/// The catalog folder, loaded and parsed once on first use and then shared by the catalog and the
/// renderer. A broken catalog is not cached, so fixing the files and retrying works without a restart.
/// </summary>
internal sealed class TemplateLibrary(TemplateSettings settings)
{
    private readonly Lazy<Loaded> loaded = new(() => Load(settings), LazyThreadSafetyMode.PublicationOnly);

    public TemplateSettings Settings { get; } = settings;

    public IReadOnlyList<LoadedTemplate> Templates => loaded.Value.Templates;

    public IFluidTemplate Ingress => loaded.Value.Ingress;

    public LoadedTemplate? Find(string templateId) =>
        loaded.Value.Templates.FirstOrDefault(t => string.Equals(t.Descriptor.Id, templateId, StringComparison.Ordinal));

    private static Loaded Load(TemplateSettings settings)
    {
        var root = Root(settings);
        var templates = Directory.EnumerateDirectories(root)
            .Where(folder => Path.GetFileName(folder) is var name && name != IngressTemplate.FolderName && !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(folder => TemplateLoader.Load(root, folder))
            .ToList();

        var ingressPath = Path.Combine(root, IngressTemplate.FolderName, IngressTemplate.FileName);
        if (!File.Exists(ingressPath))
        {
            throw TemplateLoader.Broken(IngressTemplate.Label, root, "it is missing; it renders every site's Ingress");
        }

        var ingress = LiquidEngine.Parse(File.ReadAllText(ingressPath), IngressTemplate.Label);
        return new Loaded(templates, ingress);
    }

    private static string Root(TemplateSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.Root))
        {
            var root = Path.GetFullPath(settings.Root);
            return Directory.Exists(root)
                ? root
                : throw new PermanentIntegrationException(
                    $"The template folder '{root}' ({SettingNames.TemplateRoot}) does not exist. Set {SettingNames.TemplateRoot} to the folder holding the templates.");
        }

        return TemplateRootLocator.Find(AppContext.BaseDirectory)
            ?? throw new PermanentIntegrationException(
                $"No '{TemplateRootLocator.FolderName}/' folder with '{IngressTemplate.Label}' was found in '{AppContext.BaseDirectory}' or any parent. " +
                $"Set {SettingNames.TemplateRoot} to the template folder, or ship the repository's templates/ folder with the app.");
    }

    private sealed record Loaded(IReadOnlyList<LoadedTemplate> Templates, IFluidTemplate Ingress);
}
