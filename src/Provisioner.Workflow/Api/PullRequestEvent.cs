using System.Text.Json;

namespace Provisioner.Workflow.Api;

/// <summary>The few fields of GitHub's <c>pull_request</c> event the webhook uses.</summary>
internal sealed record PullRequestEvent(
    string? Action, int Number, bool Merged, string? MergeCommitSha, string? HeadRef, string? HeadRepository, string? Repository, string? ClosedBy)
{
    /// <summary>Reads the event; null when it has no <c>pull_request</c> object.</summary>
    public static PullRequestEvent? Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("pull_request", out var pr) || pr.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var merged = pr.TryGetProperty("merged", out var m) && m.ValueKind == JsonValueKind.True;
        var closedBy = merged && pr.TryGetProperty("merged_by", out var by) && by.ValueKind == JsonValueKind.Object
            ? String(by, "login")
            : root.TryGetProperty("sender", out var sender) && sender.ValueKind == JsonValueKind.Object ? String(sender, "login") : null;
        return new PullRequestEvent(
            String(root, "action"),
            pr.TryGetProperty("number", out var n) && n.TryGetInt32(out var number) ? number : 0,
            merged,
            String(pr, "merge_commit_sha"),
            pr.TryGetProperty("head", out var head) && head.ValueKind == JsonValueKind.Object ? String(head, "ref") : null,
            head.ValueKind == JsonValueKind.Object && head.TryGetProperty("repo", out var headRepo) && headRepo.ValueKind == JsonValueKind.Object
                ? String(headRepo, "full_name")
                : null,
            root.TryGetProperty("repository", out var repo) && repo.ValueKind == JsonValueKind.Object ? String(repo, "full_name") : null,
            closedBy);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
