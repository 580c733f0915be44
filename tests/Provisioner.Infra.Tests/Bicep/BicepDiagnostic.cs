using System.Text.RegularExpressions;

namespace Provisioner.Infra.Tests.Bicep;

/// <summary>One compiler or linter diagnostic, as printed by <c>bicep build|lint</c>.</summary>
internal sealed partial record BicepDiagnostic(string File, int Line, int Column, string Level, string Code, string Message)
{
    public bool IsErrorOrWarning => Level is "Error" or "Warning";

    public override string ToString() => $"{File}({Line},{Column}) : {Level} {Code}: {Message}";

    /// <summary>Parses lines like <c>main.bicep(1,7) : Warning no-unused-params: Parameter ...</c>.</summary>
    public static IReadOnlyList<BicepDiagnostic> Parse(string output) =>
        output.Split('\n')
            .Select(line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(match => match.Success)
            .Select(match => new BicepDiagnostic(
                match.Groups["file"].Value,
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["level"].Value,
                match.Groups["code"].Value,
                match.Groups["message"].Value))
            .ToList();

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),(?<column>\d+)\) : (?<level>Error|Warning|Info|Off) (?<code>[^:\s]+): (?<message>.*)$")]
    private static partial Regex DiagnosticLine();
}
