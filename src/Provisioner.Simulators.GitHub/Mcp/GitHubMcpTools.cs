using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Provisioner.Simulators.GitHub.Rest;
using Provisioner.Simulators.GitHub.State;

namespace Provisioner.Simulators.GitHub.Mcp;

/// <summary>
/// The github-mcp-server tools Provisioner uses, with the same names, arguments and result texts,
/// working on the simulator's state (so a PR opened through MCP is read back like one opened through REST).
/// </summary>
internal sealed class GitHubMcpTools(SimulatorState store, Func<JsonShapes> shapes)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    [McpServerTool(Name = "create_branch"), Description("Create a new branch in a GitHub repository")]
    public string CreateBranch(
        [Description("Repository owner")] string owner,
        [Description("Repository name")] string repo,
        [Description("Name for new branch")] string branch,
        [Description("Source branch (defaults to repo default)")] string? from_branch = null) => Run("failed to create branch", () =>
    {
        var r = store.Repository(owner, repo);
        var source = from_branch ?? r.DefaultBranch;
        var sha = r.Refs.GetValueOrDefault("refs/heads/" + source) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/git/refs#get-a-reference");
        store.CreateRef(r, "refs/heads/" + branch, sha);
        return shapes().Reference(r, "refs/heads/" + branch, sha);
    });

    [McpServerTool(Name = "push_files"), Description("Push multiple files to a GitHub repository in a single commit")]
    public string PushFiles(
        [Description("Repository owner")] string owner,
        [Description("Repository name")] string repo,
        [Description("Branch to push to")] string branch,
        [Description("Array of file objects to push, each with path and content")] PushFile[] files,
        [Description("Commit message")] string message) => Run("failed to push files", () =>
    {
        var r = store.Repository(owner, repo);
        var refName = "refs/heads/" + branch;
        var head = r.Refs.GetValueOrDefault(refName) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/git/refs#get-a-reference");
        var tree = store.CreateTree(r, r.Commits[head].TreeSha, files.Select(f => new TreeEntryInput(f.Path, f.Mode ?? "100644", "blob", f.Content, null)).ToList());
        var commit = store.CreateCommit(r, message, tree, [head], store.ActingUser);
        store.UpdateRef(r, refName, commit.Sha, force: false);
        return shapes().Reference(r, refName, commit.Sha);
    });

    [McpServerTool(Name = "create_pull_request"), Description("Create a new pull request in a GitHub repository.")]
    public string CreatePullRequest(
        [Description("Repository owner")] string owner,
        [Description("Repository name")] string repo,
        [Description("PR title")] string title,
        [Description("Branch containing changes")] string head,
        [Description("Branch to merge into")] string @base,
        [Description("PR description")] string? body = null,
        [Description("Create as draft PR")] bool? draft = null,
        [Description("Allow maintainer edits")] bool? maintainer_can_modify = null,
        [Description("GitHub usernames or ORG/team-slug team reviewers to request reviews from")] string[]? reviewers = null,
        [Description("Whether to render the MCP App form instead of executing the request immediately")] bool? show_ui = null) => Run("failed to create pull request", () =>
    {
        _ = maintainer_can_modify;
        if (show_ui == true)
        {
            throw new McpException("show_ui is not supported by the simulator; pass show_ui: false");
        }

        var r = store.Repository(owner, repo);
        var pr = store.CreatePullRequest(r, title, head, @base, body, draft ?? false);
        if (reviewers is { Length: > 0 })
        {
            RequestReviewers(r, pr, reviewers);
        }

        return Minimal(r, pr);
    });

    [McpServerTool(Name = "update_pull_request"), Description("Update an existing pull request in a GitHub repository.")]
    public string UpdatePullRequest(
        [Description("Repository owner")] string owner,
        [Description("Repository name")] string repo,
        [Description("Pull request number to update")] int pullNumber,
        [Description("New title")] string? title = null,
        [Description("New description")] string? body = null,
        [Description("New state")] string? state = null,
        [Description("GitHub usernames or ORG/team-slug team reviewers to request reviews from")] string[]? reviewers = null) => Run("failed to update pull request", () =>
    {
        var r = store.Repository(owner, repo);
        var pr = store.PullRequest(r, pullNumber);
        pr.Title = title ?? pr.Title;
        pr.Body = body ?? pr.Body;
        if (state == "closed" && pr.State == "open")
        {
            store.Close(pr);
        }

        if (reviewers is { Length: > 0 })
        {
            RequestReviewers(r, pr, reviewers);
        }

        return Minimal(r, pr);
    });

    [McpServerTool(Name = "issue_write"), Description("Create a new or update an existing issue in a GitHub repository.")]
    public string IssueWrite(
        [Description("Write operation to perform on a single issue: 'create' or 'update'")] string method,
        [Description("Repository owner")] string owner,
        [Description("Repository name")] string repo,
        [Description("Issue number to update")] int? issue_number = null,
        [Description("Labels to apply to this issue")] string[]? labels = null,
        [Description("Whether to render the MCP App form instead of executing the request immediately")] bool? show_ui = null) => Run("failed to update issue", () =>
    {
        if (method != "update" || issue_number is null)
        {
            throw new McpException("the simulator supports method 'update' with issue_number only");
        }

        if (show_ui == true)
        {
            throw new McpException("show_ui is not supported by the simulator; pass show_ui: false");
        }

        var r = store.Repository(owner, repo);
        var pr = store.PullRequest(r, issue_number.Value);
        if (labels is not null)
        {
            // issue_write sets the issue's labels (replaces them), as GitHub's PATCH issue does.
            store.SetLabels(pr, labels);
        }

        return Minimal(r, pr);
    });

    private void RequestReviewers(SimulatedRepository r, SimulatedPullRequest pr, string[] reviewers)
    {
        var teams = reviewers.Where(x => x.Contains('/', StringComparison.Ordinal)).Select(x => x[(x.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var users = reviewers.Where(x => !x.Contains('/', StringComparison.Ordinal));
        store.RequestReviewers(r, pr, users, teams);
    }

    private object Minimal(SimulatedRepository r, SimulatedPullRequest pr) =>
        new { id = pr.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), url = $"{shapes().RepositoryHtmlUrl(r)}/pull/{pr.Number}" };

    private string Run(string what, Func<object> action)
    {
        lock (store.Sync)
        {
            try
            {
                return JsonSerializer.Serialize(action(), Json);
            }
            catch (GitHubApiError error)
            {
                // github-mcp-server reports API failures as tool errors that carry GitHub's status and message.
                var detail = error.Errors is null ? string.Empty : " " + JsonSerializer.Serialize(error.Errors, Json);
                throw new McpException($"{what}: {error.Status} {error.Message}{detail}");
            }
        }
    }
}

/// <summary>A file of <c>push_files</c>.</summary>
internal sealed record PushFile(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("mode")] string? Mode = null);
