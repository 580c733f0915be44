using System.Text.Json;
using System.Text.RegularExpressions;
using Provisioner.Templates.Rendering;
using Provisioner.Templates.Rendering.Encoding;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Templates;
using Provisioner.Workflow.Model;

namespace Provisioner.Templates.Catalog;

/// <summary>
/// Reads one template folder: <c>template.json</c> plus every file under <c>files/</c>, parsing each
/// file's path and content as Liquid. A file name may end in <c>.liquid</c>, which is dropped.
/// Every problem names the file it is in.
/// </summary>
internal static partial class TemplateLoader
{
    public const string ManifestFileName = "template.json";

    public const string FilesFolderName = "files";

    private const string LiquidSuffix = ".liquid";

    private static readonly JsonSerializerOptions ManifestJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static LoadedTemplate Load(string root, string folder)
    {
        var id = Path.GetFileName(folder);
        var manifestLabel = $"{id}/{ManifestFileName}";
        var manifestPath = Path.Combine(folder, ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw Broken(manifestLabel, root, $"it is missing; every folder in the catalog except '{IngressTemplate.FolderName}/' is a template and needs one");
        }

        var manifest = ReadManifest(manifestPath, manifestLabel, root);
        var descriptor = Describe(manifest, id, manifestLabel, root);
        var buildParameters = (manifest.BuildParameters ?? []).Select(p =>
        {
            if (!BuildParameterName().IsMatch(p.Key))
            {
                throw Broken(manifestLabel, root, $"build parameter '{p.Key}' must be UPPER_SNAKE_CASE");
            }

            return new BuildParameterTemplate(p.Key, $"{manifestLabel} (build_parameters.{p.Key})", LiquidEngine.Parse(p.Value ?? "", $"{manifestLabel} (build_parameters.{p.Key})"));
        }).ToList();

        return new LoadedTemplate(descriptor, LoadFiles(root, folder, id), buildParameters);
    }

    private static TemplateManifest ReadManifest(string path, string label, string root)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<TemplateManifest>(stream, ManifestJson)
                ?? throw Broken(label, root, "it is empty (null)");
        }
        catch (JsonException e)
        {
            throw Broken(label, root, $"it is not a valid manifest: {LiquidEngine.OneLine(e.Message)}");
        }
        catch (IOException e)
        {
            throw Broken(label, root, $"it cannot be read: {LiquidEngine.OneLine(e.Message)}");
        }
    }

    private static TemplateDescriptor Describe(TemplateManifest manifest, string folderId, string label, string root)
    {
        if (manifest.Id != folderId)
        {
            throw Broken(label, root, $"its id ('{manifest.Id}') must equal its folder name ('{folderId}')");
        }

        if (!TemplateId().IsMatch(folderId))
        {
            throw Broken(label, root, "the id must be lower-case letters, digits and dashes");
        }

        if (string.IsNullOrWhiteSpace(manifest.Name) || string.IsNullOrWhiteSpace(manifest.Description))
        {
            throw Broken(label, root, "'name' and 'description' are required");
        }

        if (!AppTypeNames.TryParse(manifest.AppType, out var appType))
        {
            throw Broken(label, root, $"'app_type' must be \"frontend\" or \"backend\", not {LiquidEngine.Quote(manifest.AppType ?? "null")}");
        }

        var parameters = new List<TemplateParameter>();
        foreach (var parameter in manifest.Parameters ?? [])
        {
            if (parameter.Name is null || !ParameterName().IsMatch(parameter.Name))
            {
                throw Broken(label, root, $"parameter name {LiquidEngine.Quote(parameter.Name ?? "null")} must be lower_snake_case");
            }

            if (parameters.Any(p => p.Name == parameter.Name))
            {
                throw Broken(label, root, $"parameter '{parameter.Name}' is declared twice");
            }

            if (parameter.Default is null)
            {
                // Requests carry no parameter values yet, so a parameter without a default could never render.
                throw Broken(label, root, $"parameter '{parameter.Name}' needs a default");
            }

            parameters.Add(new TemplateParameter(parameter.Name, parameter.Description ?? "", parameter.Default));
        }

        return new TemplateDescriptor(folderId, manifest.Name.Trim(), appType, manifest.Description.Trim(), parameters);
    }

    private static List<TemplateFile> LoadFiles(string root, string folder, string id)
    {
        var filesFolder = Path.Combine(folder, FilesFolderName);
        if (!Directory.Exists(filesFolder))
        {
            throw Broken($"{id}/{FilesFolderName}/", root, "the folder is missing; put the template's files in it");
        }

        var files = Directory.EnumerateFiles(filesFolder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(filesFolder, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(relative =>
            {
                var label = $"{id}/{FilesFolderName}/{relative}";
                var target = relative.EndsWith(LiquidSuffix, StringComparison.Ordinal) ? relative[..^LiquidSuffix.Length] : relative;
                var content = File.ReadAllText(Path.Combine(filesFolder, relative));
                return new TemplateFile(
                    label,
                    LiquidEngine.Parse(target, label + " (path)"),
                    LiquidEngine.Parse(content, label),
                    OutputFormats.ForFile(target));
            })
            .ToList();

        return files.Count > 0 ? files : throw Broken($"{id}/{FilesFolderName}/", root, "the folder is empty");
    }

    internal static PermanentIntegrationException Broken(string label, string root, string problem) =>
        new($"Template catalog file '{label}' (in '{root}'): {problem}. Fix the template and redeploy.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex TemplateId();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ParameterName();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex BuildParameterName();
}
