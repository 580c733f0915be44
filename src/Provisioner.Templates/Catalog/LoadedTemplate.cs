using Fluid;
using Provisioner.Templates.Rendering.Encoding;
using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.Templates.Catalog;

/// <summary>A template with every file parsed once, ready to render any number of times.</summary>
internal sealed record LoadedTemplate(
    TemplateDescriptor Descriptor,
    IReadOnlyList<TemplateFile> Files,
    IReadOnlyList<BuildParameterTemplate> BuildParameters);

/// <summary>One file of a template: its path and content as parsed Liquid, and the encoder for its format.</summary>
/// <param name="Label">The file's path within the catalog, used in error messages.</param>
/// <param name="Path">The repository path, as Liquid.</param>
/// <param name="Content">The content, as Liquid.</param>
/// <param name="Encoder">How values are escaped in this file's format.</param>
internal sealed record TemplateFile(string Label, IFluidTemplate Path, IFluidTemplate Content, ValueEncoder Encoder);

/// <summary>A Jenkins build parameter whose value is parsed Liquid.</summary>
internal sealed record BuildParameterTemplate(string Name, string Label, IFluidTemplate Value);
