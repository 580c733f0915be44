using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Sandbox.GitHub;

/// <summary>
/// One GitHub repository, read through GitHub's REST API (refs, commits, trees, contents) as a
/// Jenkins checkout reads it: with the clone URL a job names and the credential it clones with. What
/// a commit holds never changes, so file lists and file contents are kept once read.
/// </summary>
internal sealed class GitHubRepository
{
    private const int MaxCachedFiles = 4096;
    private readonly HttpClient http;
    private readonly string token;
    private readonly ConcurrentDictionary<string, Task<IReadOnlySet<string>>> filesByCommit = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Commit, string Path), byte[]?> contents = new();

    private GitHubRepository(HttpClient http, Uri apiBase, string owner, string name, string cloneUrl, string token)
    {
        this.http = http;
        this.token = token;
        ApiBase = apiBase;
        Owner = owner;
        Name = name;
        CloneUrl = cloneUrl;
    }

    /// <summary>The REST API's root, e.g. <c>http://127.0.0.1:5123/api/v3/</c> or <c>https://api.github.com/</c>.</summary>
    public Uri ApiBase { get; }

    /// <summary>The repository's owner.</summary>
    public string Owner { get; }

    /// <summary>The repository's name.</summary>
    public string Name { get; }

    /// <summary>The clone URL it was found by.</summary>
    public string CloneUrl { get; }

    /// <summary>
    /// The repository a clone URL names, read through the API of the same GitHub: <c>api.github.com</c>
    /// for github.com, <c>/api/v3/</c> on the same host for GitHub Enterprise Server (and the simulator).
    /// Null when the URL names no repository.
    /// </summary>
    public static GitHubRepository? FromCloneUrl(string? cloneUrl, string token, HttpClient http)
    {
        if (!Uri.TryCreate(cloneUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return null;
        }

        var owner = Uri.UnescapeDataString(segments[^2]);
        var name = Uri.UnescapeDataString(segments[^1]);
        name = name.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
        var prefix = string.Concat(segments[..^2].Select(s => s + "/"));
        var apiBase = url.Host.Equals("github.com", StringComparison.OrdinalIgnoreCase)
            ? new Uri("https://api.github.com/")
            : new Uri($"{url.Scheme}://{url.Authority}/{prefix}api/v3/");
        return owner.Length == 0 || name.Length == 0 ? null : new GitHubRepository(http, apiBase, owner, name, cloneUrl!, token);
    }

    /// <summary>Whether the repository exists (and the credential may see it: GitHub answers 404 to both).</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken) => await GetJsonAsync(string.Empty, cancellationToken) is not null;

    /// <summary>The commit a branch points at, or null when there is no such branch.</summary>
    public async Task<string?> ResolveBranchAsync(string branch, CancellationToken cancellationToken)
    {
        var reference = await GetJsonAsync($"git/ref/heads/{Escape(branch)}", cancellationToken);
        return reference?["object"]?["sha"]?.GetValue<string>();
    }

    /// <summary>A commit's message and tree, or null when the repository has no such commit.</summary>
    public async Task<GitCommit?> GetCommitAsync(string sha, CancellationToken cancellationToken)
    {
        var commit = await GetJsonAsync($"git/commits/{Uri.EscapeDataString(sha)}", cancellationToken);
        return commit is null
            ? null
            : new GitCommit(commit["sha"]!.GetValue<string>(), commit["message"]?.GetValue<string>() ?? string.Empty, commit["tree"]!["sha"]!.GetValue<string>());
    }

    /// <summary>The path of every file at a commit.</summary>
    public async Task<IReadOnlySet<string>> ListFilesAsync(string commit, CancellationToken cancellationToken)
    {
        var listing = filesByCommit.GetOrAdd(commit, sha => ListAsync(sha, CancellationToken.None));
        try
        {
            return await listing.WaitAsync(cancellationToken);
        }
        catch when (listing.IsFaulted)
        {
            // A failed read is not kept: the next one asks again.
            filesByCommit.TryRemove(KeyValuePair.Create(commit, listing));
            throw;
        }
    }

    /// <summary>A file's bytes at a commit, or null when the commit has no such file.</summary>
    public async Task<byte[]?> ReadFileAsync(string commit, string path, CancellationToken cancellationToken)
    {
        if (contents.TryGetValue((commit, path), out var known))
        {
            return known;
        }

        using var request = Request($"contents/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}?ref={Uri.EscapeDataString(commit)}");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github.raw"));
        using var response = await http.SendAsync(request, cancellationToken);
        byte[]? bytes = null;
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, $"read {path} at {commit}", cancellationToken);
            bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        if (contents.Count >= MaxCachedFiles)
        {
            contents.Clear();
        }

        contents[(commit, path)] = bytes;
        return bytes;
    }

    private async Task<IReadOnlySet<string>> ListAsync(string sha, CancellationToken cancellationToken)
    {
        var commit = await GetCommitAsync(sha, cancellationToken) ?? throw new GitHubReadException($"{Owner}/{Name} has no commit {sha}.");
        var tree = await GetJsonAsync($"git/trees/{commit.TreeSha}?recursive=1", cancellationToken) ?? throw new GitHubReadException($"{Owner}/{Name} has no tree {commit.TreeSha}.");
        return (tree["tree"] as JsonArray ?? [])
            .Where(entry => entry?["type"]?.GetValue<string>() == "blob")
            .Select(entry => entry!["path"]!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
    }

    private async Task<JsonNode?> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(path);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"read {path}", cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(ApiBase, $"repos/{Uri.EscapeDataString(Owner)}/{Uri.EscapeDataString(Name)}{(path.Length == 0 ? string.Empty : "/" + path)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Provisioner-Sandbox-Jenkins", "1.0"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        return request;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? message = null;
        try
        {
            message = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            // Not GitHub's JSON: the status says enough.
        }

        throw new GitHubReadException($"GitHub answered {(int)response.StatusCode} ({message ?? response.ReasonPhrase}) to {what} of {Owner}/{Name}.");
    }

    private static string Escape(string branch) => string.Join('/', branch.Split('/').Select(Uri.EscapeDataString));
}

/// <summary>A commit as a checkout sees it.</summary>
/// <param name="Sha">Its SHA.</param>
/// <param name="Message">Its message.</param>
/// <param name="TreeSha">Its root tree.</param>
internal sealed record GitCommit(string Sha, string Message, string TreeSha);

/// <summary>GitHub refused or failed a read; the message says what and why (never the token).</summary>
internal sealed class GitHubReadException(string message) : Exception(message);
