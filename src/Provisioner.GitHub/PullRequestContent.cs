using System.Text;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.GitHub;

/// <summary>The texts of a provision's branch, commit and pull request, the same whichever path opens it.</summary>
internal sealed record PullRequestContent(string Branch, string Title, string Body, string CommitMessage, IReadOnlyList<string> Labels)
{
    private const int MaxListedFiles = 300;

    /// <summary>The trailer that marks a commit as this provision's: a retried call recognises its own branch by it.</summary>
    public static string Trailer(string provisionId) => "Provision-Id: " + provisionId;

    public static PullRequestContent For(ProvisionPullRequest request)
    {
        var appType = request.AppType.ToWire();
        var title = $"Provision {request.Domain} ({appType}, template {request.TemplateId})";
        var body = new StringBuilder()
            .AppendLine($"Provisioner opened this pull request to create **{request.Domain}**.")
            .AppendLine()
            .AppendLine("| | |")
            .AppendLine("|---|---|")
            .AppendLine($"| Domain | `{request.Domain}` |")
            .AppendLine($"| App type | `{appType}` |")
            .AppendLine($"| Template | `{request.TemplateId}` |")
            .AppendLine($"| Provision id | `{request.ProvisionId}` |")
            .AppendLine()
            .AppendLine($"Merging it starts the build and deployment. Files ({request.Files.Count}):")
            .AppendLine();
        foreach (var file in request.Files.Take(MaxListedFiles))
        {
            body.AppendLine($"- `{file.Path}`");
        }

        if (request.Files.Count > MaxListedFiles)
        {
            body.AppendLine($"- … and {request.Files.Count - MaxListedFiles} more");
        }

        var message = $"{title}\n\n{Trailer(request.ProvisionId)}\n";
        return new PullRequestContent(ProvisionBranch.For(request.ProvisionId), title, body.ToString(), message, ["provisioning", "app:" + appType]);
    }

    public static bool IsOurCommit(string? message, string provisionId) =>
        message is not null && message.Split('\n').Any(line => line.Trim() == Trailer(provisionId));
}
