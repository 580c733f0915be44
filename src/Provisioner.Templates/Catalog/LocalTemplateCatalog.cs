using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.Templates.Catalog;

/// <summary>The templates of the local catalog folder.</summary>
internal sealed class LocalTemplateCatalog(TemplateLibrary library) : ITemplateCatalog
{
    public IReadOnlyList<TemplateDescriptor> List() => library.Templates.Select(t => t.Descriptor).ToList();

    public TemplateDescriptor? Find(string templateId) => library.Find(templateId)?.Descriptor;
}
