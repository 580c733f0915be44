using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Integrations.Templates;

/// <summary>The templates a provision can be made from.</summary>
public interface ITemplateCatalog
{
    /// <summary>Every template, ordered by id.</summary>
    IReadOnlyList<TemplateDescriptor> List();

    /// <summary>The template with this id, or null.</summary>
    TemplateDescriptor? Find(string templateId);
}

/// <summary>What the catalog says about one template.</summary>
/// <param name="Id">Stable id, used in requests (<c>template_id</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="AppType">The app type the template is for.</param>
/// <param name="Description">One or two sentences for people choosing a template.</param>
/// <param name="Parameters">The parameters the template takes, with defaults.</param>
public sealed record TemplateDescriptor(
    string Id,
    string Name,
    AppType AppType,
    string Description,
    IReadOnlyList<TemplateParameter> Parameters);

/// <summary>A template parameter.</summary>
/// <param name="Name">Variable name inside the template.</param>
/// <param name="Description">What it controls.</param>
/// <param name="Default">The value used when the request gives none.</param>
public sealed record TemplateParameter(string Name, string Description, string? Default);
