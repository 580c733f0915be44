using System.Text.Json.Nodes;
using Provisioner.Infra.Tests.Arm;

namespace Provisioner.Infra.Tests.Bicep;

/// <summary>Compiles and lints every Bicep file under infra/ once for all tests.</summary>
public sealed class InfraBuild : IDisposable
{
    private const string Pattern = "infra/**/*.bicep";
    private readonly string outputDirectory = Directory.CreateTempSubdirectory("provisioner-bicep-").FullName;

    public InfraBuild()
    {
        Version = BicepCli.Version();
        Build = BicepCli.Run("build", "--pattern", Pattern, "--outdir", outputDirectory);
        Lint = BicepCli.Run("lint", "--pattern", Pattern);
        var mainJson = Path.Combine(outputDirectory, "main.json");
        Main = File.Exists(mainJson)
            ? new ArmTemplate(JsonNode.Parse(File.ReadAllText(mainJson))!.AsObject())
            : throw new InvalidOperationException($"bicep build wrote no main.json: {Build.Describe()}");
    }

    internal string Version { get; }

    internal BicepRun Build { get; }

    internal BicepRun Lint { get; }

    internal ArmTemplate Main { get; }

    internal IReadOnlyList<string> CompiledFiles =>
        Directory.GetFiles(outputDirectory, "*.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(outputDirectory, file))
            .ToList();

    public void Dispose() => Directory.Delete(outputDirectory, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraBuild>
{
    public const string Name = "infra";
}
