namespace Provisioner.Templates.Catalog;

/// <summary>The shape of <c>templates/&lt;id&gt;/template.json</c> (snake_case).</summary>
internal sealed class TemplateManifest
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AppType { get; set; }

    public string? Description { get; set; }

    public List<ManifestParameter>? Parameters { get; set; }

    /// <summary>Jenkins build parameters; each value is Liquid over the same model as the files.</summary>
    public Dictionary<string, string>? BuildParameters { get; set; }
}

/// <summary>One entry of <see cref="TemplateManifest.Parameters"/>.</summary>
internal sealed class ManifestParameter
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Default { get; set; }
}
