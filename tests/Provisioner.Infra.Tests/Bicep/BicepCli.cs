using System.Diagnostics;
using System.Reflection;

namespace Provisioner.Infra.Tests.Bicep;

/// <summary>Runs the Bicep compiler restored from the Azure.Bicep.CommandLine.linux-x64 package.</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(FindExecutable);

    public static BicepRun Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no update checks from a test run.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung compiler, not a performance assertion.
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish.");
        }

        return new BicepRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Version() => Run("--version").StandardOutput.Trim();

    private static string FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (string.IsNullOrEmpty(path))
        {
            path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == "BicepPath").Value;
        }

        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The bicep compiler is not at '{path}'. Restore tests/Provisioner.Infra.Tests (package Azure.Bicep.CommandLine.linux-x64) or set BICEP_PATH.");
        }

        return EnsureExecutable(path);
    }

    // NuGet extracts files without the execute bit on some systems.
    private static string EnsureExecutable(string path)
    {
        const UnixFileMode execute = UnixFileMode.UserExecute;
        if (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & execute) != 0)
        {
            return path;
        }

        try
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | execute);
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only package cache: run a private copy.
            var copy = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"bicep-{Guid.NewGuid():N}");
            File.Copy(path, copy);
            File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | execute);
            return copy;
        }
    }
}

/// <summary>A finished compiler run.</summary>
internal sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<BicepDiagnostic> Diagnostics => BicepDiagnostic.Parse(StandardError + "\n" + StandardOutput);

    public string Describe() => $"exit code {ExitCode}\n{StandardError}\n{StandardOutput}";
}
