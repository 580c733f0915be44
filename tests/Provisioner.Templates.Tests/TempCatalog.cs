namespace Provisioner.Templates.Tests;

/// <summary>A template folder in a temp directory, deleted on dispose.</summary>
internal sealed class TempCatalog : IDisposable
{
    public const string MinimalIngress = "kind: Ingress\nmetadata:\n  name: {{ site.app_name }}\n";

    public TempCatalog(bool withIngress = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "provisioner-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        if (withIngress)
        {
            Write("ingress/ingress.yaml.liquid", MinimalIngress);
        }
    }

    public string Root { get; }

    public TempCatalog Write(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public TempCatalog Manifest(string id, string appType = "frontend", string extra = "") =>
        Write($"{id}/template.json", $$"""
            { "id": "{{id}}", "name": "Test {{id}}", "app_type": "{{appType}}", "description": "A test template."{{extra}} }
            """);

    public TempCatalog Template(string id, string relativeFile, string content, string appType = "frontend") =>
        Manifest(id, appType).Write($"{id}/files/{relativeFile}", content);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
