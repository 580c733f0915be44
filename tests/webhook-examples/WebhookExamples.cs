using System.Text;
using System.Text.Json.Nodes;
using Provisioner.GitHub.Webhooks;

namespace Provisioner.Testing.Webhooks;

/// <summary>
/// Real GitHub webhook payloads from the npm package <c>@octokit/webhooks-examples</c> (pinned in
/// tests/webhook-examples/package.json; install with <c>npm ci --prefix tests/webhook-examples</c>).
/// Link this file into a test project that references Provisioner.GitHub to use it. Each call returns a fresh copy to modify.
/// </summary>
internal static class WebhookExamples
{
    private const string IndexRelativePath = "tests/webhook-examples/node_modules/@octokit/webhooks-examples/api.github.com/index.json";
    private static readonly Lazy<JsonArray> Index = new(Load);

    /// <summary>Where the examples are read from: <c>WEBHOOK_EXAMPLES_INDEX</c>, else found above the test's output folder.</summary>
    public static string IndexPath =>
        Environment.GetEnvironmentVariable("WEBHOOK_EXAMPLES_INDEX") is { Length: > 0 } path ? path : FindUpwards();

    /// <summary>Every example of an event (e.g. <c>pull_request</c>), optionally of one action.</summary>
    public static IReadOnlyList<JsonObject> All(string eventName, string? action = null)
    {
        var entry = Index.Value.OfType<JsonObject>().FirstOrDefault(e => (string?)e["name"] == eventName)
            ?? throw new ArgumentException($"@octokit/webhooks-examples has no '{eventName}' event.", nameof(eventName));
        return entry["examples"]!.AsArray().OfType<JsonObject>()
            .Where(e => action is null || (string?)e["action"] == action)
            .Select(e => e.DeepClone().AsObject())
            .ToList();
    }

    /// <summary>The first example of an event and action.</summary>
    public static JsonObject Example(string eventName, string? action = null) =>
        All(eventName, action).FirstOrDefault() ?? throw new ArgumentException($"@octokit/webhooks-examples has no '{eventName}' example with action '{action}'.");

    /// <summary>A <c>pull_request</c> <c>opened</c> delivery.</summary>
    public static JsonObject PullRequestOpened() => Example("pull_request", "opened");

    /// <summary>A <c>pull_request</c> <c>closed</c> delivery of a pull request closed without merging (<c>merged: false</c>).</summary>
    public static JsonObject PullRequestClosedUnmerged() =>
        All("pull_request", "closed").First(e => e["pull_request"]?["merged"]?.GetValue<bool>() == false);

    /// <summary>
    /// A <c>pull_request</c> <c>closed</c> delivery of a merged pull request. The package has no merged
    /// example, so this is its real closed example with the fields GitHub sets on a merge filled in:
    /// <c>merged: true</c>, <c>merged_at</c> (= closed_at), <c>merged_by</c> (= sender); <c>merge_commit_sha</c> is kept.
    /// </summary>
    public static JsonObject PullRequestClosedMerged()
    {
        var payload = PullRequestClosedUnmerged();
        var pr = payload["pull_request"]!.AsObject();
        pr["merged"] = true;
        pr["merged_at"] = pr["closed_at"]?.DeepClone();
        pr["merged_by"] = payload["sender"]?.DeepClone();
        pr["mergeable"] = null;
        return payload;
    }

    /// <summary>A <c>ping</c> delivery (sent when a hook is created).</summary>
    public static JsonObject Ping() => Example("ping");

    /// <summary>A <c>push</c> delivery (an event Provisioner ignores).</summary>
    public static JsonObject Push() => Example("push");

    /// <summary>Points a pull_request payload at another head branch (e.g. a provision branch) and number.</summary>
    public static JsonObject WithPullRequest(this JsonObject payload, string headRef, int? number = null)
    {
        var pr = payload["pull_request"]!.AsObject();
        pr["head"]!["ref"] = headRef;
        if (number is { } n)
        {
            pr["number"] = n;
            payload["number"] = n;
        }

        return payload;
    }

    /// <summary>The raw bytes a delivery carries.</summary>
    public static byte[] Body(this JsonObject payload) => Encoding.UTF8.GetBytes(payload.ToJsonString());

    /// <summary>The <c>X-Hub-Signature-256</c> header GitHub would send for these bytes.</summary>
    public static string Signature256(string secret, byte[] body) => WebhookSignature.Sign(secret, body);

    private static JsonArray Load()
    {
        var path = IndexPath;
        return JsonNode.Parse(File.ReadAllText(path))?.AsArray() ?? throw new InvalidDataException($"{path} is not a JSON array.");
    }

    private static string FindUpwards()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, IndexRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "The GitHub webhook examples are not installed: run 'npm ci --prefix tests/webhook-examples' at the repository root " +
            "(or set WEBHOOK_EXAMPLES_INDEX to api.github.com/index.json of @octokit/webhooks-examples).");
    }
}
