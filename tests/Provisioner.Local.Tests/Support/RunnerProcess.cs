using System.Text.RegularExpressions;

namespace Provisioner.Local.Tests.Support;

/// <summary>The runner as a user starts it: <c>dotnet Provisioner.Local.dll …</c> in a child process.</summary>
internal static partial class RunnerProcess
{
    public static DotnetProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        DotnetProcess.Start("Provisioner.Local.dll", arguments, environment, workingDirectory);

    /// <summary>Waits until the runner says where it serves.</summary>
    public static async Task<Uri> WaitUntilServingAsync(this DotnetProcess runner) =>
        new(RunningAt().Match(await runner.WaitForLineAsync("The runner serving", line => RunningAt().IsMatch(line))).Groups["url"].Value);

    [GeneratedRegex(@"running at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex RunningAt();
}
