using System.Xml.Linq;
using Provisioner.Infra.Tests.Bicep;

namespace Provisioner.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class BicepCompilationTests(InfraBuild infra)
{
    [Fact]
    public void Every_Bicep_file_compiles_without_errors_or_warnings()
    {
        Assert.True(infra.Build.ExitCode == 0, infra.Build.Describe());
        AssertClean(infra.Build);
        var sources = Directory.GetFiles(RepositoryFiles.Path("infra"), "*.bicep", SearchOption.AllDirectories);
        Assert.Equal(sources.Length, infra.CompiledFiles.Count);
    }

    [Fact]
    public void Every_Bicep_file_passes_the_default_linter_rules()
    {
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.Describe());
        AssertClean(infra.Lint);
    }

    [Fact]
    public void The_diagnostics_reader_sees_linter_warnings_and_compiler_errors()
    {
        // Proves the two tests above can fail: the same reader must see a known warning and error.
        var directory = Directory.CreateTempSubdirectory("provisioner-bicep-probe-");
        try
        {
            var file = Path.Combine(directory.FullName, "probe.bicep");
            File.WriteAllText(file, "param unused string\noutput broken string = 1 + 'a'\n");

            var lint = BicepCli.Run("lint", file);

            Assert.Contains(lint.Diagnostics, diagnostic => diagnostic is { Level: "Warning", Code: "no-unused-params", Line: 1 });
            Assert.Contains(lint.Diagnostics, diagnostic => diagnostic is { Level: "Error", Line: 2 });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_compiler_is_the_version_pinned_in_central_package_management()
    {
        var pinned = XDocument.Load(RepositoryFiles.Path("Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(element => (string?)element.Attribute("Include") == "Azure.Bicep.CommandLine.linux-x64")
            .Attribute("Version")!.Value;

        Assert.Contains($"version {pinned} ", infra.Version + " ", StringComparison.Ordinal);
    }

    private static void AssertClean(BicepRun run)
    {
        var findings = run.Diagnostics.Where(diagnostic => diagnostic.IsErrorOrWarning).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }
}
