using System.Text.Json.Nodes;

namespace Provisioner.Functions.Tests;

/// <summary>
/// The host's view of the app: the <c>functions.metadata</c> the Functions SDK writes at build time
/// into the Functions project's own output. The Functions host cannot run here, so this is how the bindings are checked.
/// </summary>
internal static class FunctionsMetadata
{
    /// <summary>Every function, as the host reads it.</summary>
    public static JsonArray Load() => JsonNode.Parse(File.ReadAllText(Path.Combine(Output(), "functions.metadata")))!.AsArray();

    /// <summary>The Functions project's own build output, in this test build's configuration.</summary>
    public static string Output()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var output = Path.Combine(RepositoryPaths.Root, "src", "Provisioner.Functions", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "functions.metadata")), $"No functions.metadata in {output}: build the Functions project first.");
        return output;
    }
}
