using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Provisioner.Sandbox.GitHub;

/// <summary>
/// The DevOps team's side of a pull request, through GitHub's REST API with the reviewer's token, as
/// a person would act on GitHub: read it, merge it (<c>PUT /repos/{owner}/{repo}/pulls/{n}/merge</c>,
/// which delivers the webhook) or close it unmerged. For scripts, demos and tests of the sandbox.
/// </summary>
/// <param name="apiUrl">The REST API's root, e.g. <c>http://127.0.0.1:5123/api/v3/</c>.</param>
/// <param name="owner">The repository's owner.</param>
/// <param name="repository">The repository.</param>
/// <param name="token">The reviewer's token.</param>
/// <param name="http">The client to send with.</param>
public sealed partial class DevOpsReviewer(Uri apiUrl, string owner, string repository, string token, HttpClient http)
{
    /// <summary>The reviewer of the sandbox's GitHub.</summary>
    public static DevOpsReviewer For(SandboxGitHub gitHub, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(gitHub);
        return new DevOpsReviewer(gitHub.ApiUrl, gitHub.Owner, gitHub.Repository, gitHub.ReviewerToken, http);
    }

    /// <summary>The number in a pull request's web URL (<c>…/pull/{n}</c>), or null.</summary>
    public static int? PullRequestNumber(string? pullRequestUrl) =>
        PullUrl().Match(pullRequestUrl ?? string.Empty) is { Success: true } match ? int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The pull request as GitHub shows it.</summary>
    public Task<JsonNode> GetPullRequestAsync(int number, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"pulls/{number}", null, cancellationToken);

    /// <summary>Merges it (a merge commit); GitHub's answer, with the merge commit's <c>sha</c>.</summary>
    public Task<JsonNode> MergeAsync(int number, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"pulls/{number}/merge", new JsonObject { ["merge_method"] = "merge" }, cancellationToken);

    /// <summary>Closes it without merging.</summary>
    public Task<JsonNode> CloseAsync(int number, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"pulls/{number}", new JsonObject { ["state"] = "closed" }, cancellationToken);

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(apiUrl, $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(repository)}/{path}"))
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Provisioner-Sandbox-Reviewer", "1.0"));
        using var response = await http.SendAsync(request, cancellationToken);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) ?? new JsonObject();
        return response.IsSuccessStatusCode
            ? answer
            : throw new HttpRequestException($"GitHub answered {(int)response.StatusCode} to {method} {path}: {answer["message"]}", null, response.StatusCode);
    }

    [GeneratedRegex(@"/pull/(?<number>\d+)/?$")]
    private static partial Regex PullUrl();
}
