using System.Text.Json;

namespace Provisioner.GitHub.Webhooks;

/// <summary>The few fields of GitHub's <c>pull_request</c> event the inbox uses.</summary>
/// <param name="Action">opened, closed, …</param>
/// <param name="Number">The pull request's number.</param>
/// <param name="Merged">True when it was merged.</param>
/// <param name="MergeCommitSha">The merge commit, when merged.</param>
/// <param name="HeadRef">The head branch.</param>
/// <param name="HeadRepository">The repository the head branch lives in (<c>owner/name</c>); another one for a fork.</param>
/// <param name="Repository">The repository the webhook belongs to (<c>owner/name</c>).</param>
/// <param name="ClosedBy">Who merged it, or else who sent the event.</param>
internal sealed record PullRequestEvent(
    string? Action, int Number, bool Merged, string? MergeCommitSha, string? HeadRef, string? HeadRepository, string? Repository, string? ClosedBy)
{
    /// <summary>
    /// Reads the event; null when it has no <c>pull_request</c> object. Throws <see cref="JsonException"/>
    /// for a body that is not JSON, and <see cref="InvalidPayloadTextException"/> naming the field whose
    /// text is not valid Unicode (invalid UTF-8, an escaped lone surrogate).
    /// </summary>
    public static PullRequestEvent? Parse(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Object(root, "pull_request") is not { } pr)
        {
            return null;
        }

        var merged = pr.TryGetProperty("merged", out var m) && m.ValueKind == JsonValueKind.True;
        var head = Object(pr, "head");
        var closedBy = merged && Object(pr, "merged_by") is { } by
            ? String(by, "login", "pull_request.merged_by.login")
            : Object(root, "sender") is { } sender ? String(sender, "login", "sender.login") : null;
        return new PullRequestEvent(
            String(root, "action", "action"),
            pr.TryGetProperty("number", out var n) && n.TryGetInt32(out var number) ? number : 0,
            merged,
            String(pr, "merge_commit_sha", "pull_request.merge_commit_sha"),
            head is { } h ? String(h, "ref", "pull_request.head.ref") : null,
            head is { } hr && Object(hr, "repo") is { } headRepo ? String(headRepo, "full_name", "pull_request.head.repo.full_name") : null,
            Object(root, "repository") is { } repo ? String(repo, "full_name", "repository.full_name") : null,
            closedBy);
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new InvalidPayloadTextException(path);
        }
    }
}

/// <summary>A payload field whose text is not valid Unicode (invalid UTF-8, or an escaped lone surrogate).</summary>
/// <param name="field">The field's path, e.g. <c>pull_request.head.ref</c>.</param>
internal sealed class InvalidPayloadTextException(string field) : Exception($"{field} is not valid Unicode text.")
{
    /// <summary>The field's path.</summary>
    public string Field { get; } = field;
}
