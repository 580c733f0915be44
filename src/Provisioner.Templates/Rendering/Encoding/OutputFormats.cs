namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>Chooses the value encoder of a file from its name (after the optional <c>.liquid</c> suffix is removed).</summary>
internal static class OutputFormats
{
    private static readonly Dictionary<string, ValueEncoder> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".yaml"] = YamlEncoder.Instance,
        [".yml"] = YamlEncoder.Instance,
        [".json"] = JsonEncoder.Instance,
        [".html"] = HtmlValueEncoder.Instance,
        [".htm"] = HtmlValueEncoder.Instance,
        [".xml"] = XmlEncoder.Instance,
        [".csproj"] = XmlEncoder.Instance,
        [".props"] = XmlEncoder.Instance,
        [".targets"] = XmlEncoder.Instance,
        [".config"] = XmlEncoder.Instance,
        [".svg"] = XmlEncoder.Instance,
        [".groovy"] = GroovyEncoder.Instance,
        [".cs"] = CSharpEncoder.Instance,
    };

    public static ValueEncoder ForFile(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (name.Equals("Jenkinsfile", StringComparison.OrdinalIgnoreCase))
        {
            return GroovyEncoder.Instance;
        }

        if (name.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".Dockerfile", StringComparison.OrdinalIgnoreCase))
        {
            return DockerfileEncoder.Instance;
        }

        return ByExtension.TryGetValue(Path.GetExtension(name), out var encoder) ? encoder : TokenEncoder.Instance;
    }
}
