using Microsoft.Extensions.Configuration;

namespace Provisioner.Local.Settings;

/// <summary>
/// Where the runner's settings come from, later ones winning: <c>local.settings.json</c> beside the
/// app, then in the working directory, then environment variables, then the settings the host
/// passes in (tests). Tests leave out the first three so nothing on the machine reaches them.
/// </summary>
internal static class RunnerConfiguration
{
    public static IConfigurationRoot Build(LocalRunnerOptions options)
    {
        var builder = new ConfigurationBuilder();
        if (options.ReadAmbientSettings)
        {
            foreach (var file in SettingsFiles(options))
            {
                builder.AddInMemoryCollection(LocalSettingsFile.Read(file));
            }

            builder.AddEnvironmentVariables();
        }

        builder.AddInMemoryCollection(options.Settings);
        return builder.Build();
    }

    /// <summary>The <c>local.settings.json</c> files the runner reads: beside the app, then in the working directory.</summary>
    public static IReadOnlyList<string> SettingsFiles(LocalRunnerOptions options) =>
        !options.ReadAmbientSettings ? [] :
        [.. new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() }
            .Select(folder => Path.GetFullPath(Path.Combine(folder, LocalSettingsFile.FileName)))
            .Distinct(StringComparer.Ordinal)
            .Where(File.Exists)];
}
