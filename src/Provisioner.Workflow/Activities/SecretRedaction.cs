using Provisioner.Workflow.Hosting;

namespace Provisioner.Workflow.Activities;

/// <summary>
/// Masks the app's own secrets (<see cref="SettingNames.Secrets"/>) in text an integration brought
/// back from elsewhere, such as a build's console, before it enters the orchestration history and
/// the provision's status.
/// </summary>
internal static class SecretRedaction
{
    public const string Mask = "***";

    // A one-line secret is masked whole (as short as the Jenkins client masks its token); of a
    // multi-line one (a kubeconfig) no line is likely printed whole, so each long word is masked.
    private const int ShortestSecret = 4;
    private const int ShortestWord = 12;

    private static readonly char[] WordBreaks = [' ', '\t', '\r', '\n', '"', '\''];

    public static async Task<IReadOnlyList<string>> RedactAsync(ISecretProvider secrets, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var masked = new List<string>();
        foreach (var name in SettingNames.Secrets)
        {
            if (await secrets.GetSecretAsync(name, cancellationToken) is { } value)
            {
                masked.AddRange(Words(value.Trim()));
            }
        }

        // Longest first, so a secret that contains another is masked whole.
        masked.Sort((a, b) => b.Length.CompareTo(a.Length));
        return [.. lines.Select(line => masked.Aggregate(line, (text, secret) => text.Replace(secret, Mask, StringComparison.Ordinal)))];
    }

    private static IEnumerable<string> Words(string secret) =>
        !secret.Contains('\n', StringComparison.Ordinal)
            ? secret.Length >= ShortestSecret ? [secret] : []
            : secret.Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries).Where(word => word.Length >= ShortestWord);
}
