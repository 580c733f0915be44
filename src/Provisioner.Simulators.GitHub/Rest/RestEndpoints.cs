using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisioner.Simulators.GitHub.Diagnostics;
using Provisioner.Simulators.GitHub.State;
using Provisioner.Simulators.GitHub.Webhooks;

namespace Provisioner.Simulators.GitHub.Rest;

/// <summary>The REST API under <c>/api/v3/</c> (GitHub Enterprise Server's prefix, which Octokit uses for any non-github.com host).</summary>
internal static class RestEndpoints
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };

    public static void MapGitHubRest(this IEndpointRouteBuilder app, SimulatorState state, Func<JsonShapes> shapes, WebhookSender webhooks, SimulatorOptions options)
    {
        var repos = app.MapGroup("/api/v3/repos/{owner}/{repo}");

        repos.MapGet("/", (string owner, string repo) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            return Ok(shapes().Repository(r));
        }));

        repos.MapGet("/git/ref/{**name}", (string owner, string repo, string name) => Handle(() => GetRef(state, shapes(), owner, repo, name, listPrefix: false)));
        // The older plural form answers a prefix match with an array when no ref has exactly that name, as GitHub does.
        repos.MapGet("/git/refs/{**name}", (string owner, string repo, string name) => Handle(() => GetRef(state, shapes(), owner, repo, name, listPrefix: true)));

        repos.MapPost("/git/refs", async (string owner, string repo, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var refName = Required(body, "ref", "https://docs.github.com/rest/git/refs#create-a-reference");
                var sha = Required(body, "sha", "https://docs.github.com/rest/git/refs#create-a-reference");
                state.CreateRef(r, refName, sha);
                return Created(shapes().Reference(r, refName, sha));
            });
        });

        repos.MapMethods("/git/refs/{**name}", ["PATCH"], async (string owner, string repo, string name, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var refName = "refs/" + Uri.UnescapeDataString(name);
                var sha = Required(body, "sha", "https://docs.github.com/rest/git/refs#update-a-reference");
                state.UpdateRef(r, refName, sha, body?["force"]?.GetValue<bool>() ?? false);
                return Ok(shapes().Reference(r, refName, sha));
            });
        });

        repos.MapGet("/git/commits/{sha}", (string owner, string repo, string sha) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            var commit = r.Commits.GetValueOrDefault(sha) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/git/commits#get-a-commit-object");
            return Ok(shapes().Commit(r, commit));
        }));

        repos.MapPost("/git/commits", async (string owner, string repo, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                const string doc = "https://docs.github.com/rest/git/commits#create-a-commit";
                var message = Required(body, "message", doc);
                var tree = Required(body, "tree", doc);
                var parents = body?["parents"]?.AsArray().Select(p => p!.GetValue<string>()).ToList() ?? [];
                var commit = state.CreateCommit(r, message, tree, parents, state.ActingUser);
                return Created(shapes().Commit(r, commit));
            });
        });

        repos.MapPost("/git/blobs", async (string owner, string repo, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var content = Required(body, "content", "https://docs.github.com/rest/git/blobs#create-a-blob");
                var bytes = body?["encoding"]?.GetValue<string>() == "base64" ? Convert.FromBase64String(content) : Encoding.UTF8.GetBytes(content);
                var sha = state.CreateBlob(r, bytes);
                return Created(new { sha, url = $"{request.Scheme}://{request.Host}/api/v3/repos/{r.FullName}/git/blobs/{sha}" });
            });
        });

        repos.MapGet("/git/blobs/{sha}", (string owner, string repo, string sha) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            var bytes = r.Blobs.GetValueOrDefault(sha) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/git/blobs#get-a-blob");
            return Ok(new { sha, node_id = "B_" + sha[..10], size = bytes.Length, content = Convert.ToBase64String(bytes), encoding = "base64" });
        }));

        repos.MapPost("/git/trees", async (string owner, string repo, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var entries = body?["tree"]?.AsArray().Select(e => new TreeEntryInput(
                    e!["path"]?.GetValue<string>() ?? string.Empty,
                    e["mode"]?.GetValue<string>() ?? "100644",
                    e["type"]?.GetValue<string>() ?? "blob",
                    e["content"]?.GetValue<string>(),
                    e["sha"]?.GetValue<string>())).ToList()
                    ?? throw GitHubApiError.Unprocessable("Invalid request.\n\n\"tree\" wasn't supplied.", "https://docs.github.com/rest/git/trees#create-a-tree");
                var treeSha = state.CreateTree(r, body?["base_tree"]?.GetValue<string>(), entries);
                return Created(shapes().Tree(r, treeSha, recursive: false));
            });
        });

        repos.MapGet("/git/trees/{sha}", (string owner, string repo, string sha, string? recursive) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            if (!r.Trees.ContainsKey(sha))
            {
                throw GitHubApiError.NotFound("https://docs.github.com/rest/git/trees#get-a-tree");
            }

            return Ok(shapes().Tree(r, sha, recursive is not null && recursive != "0" && recursive != "false"));
        }));

        // A file's JSON (base64 content) or a folder's entries; with the raw media type, a file's bytes.
        repos.MapGet("/contents/{**path}", (string owner, string repo, string? path, string? @ref, HttpRequest request) => Handle(() =>
        {
            const string Doc = "https://docs.github.com/rest/repos/contents#get-repository-content";
            var r = state.Repository(owner, repo);
            var reference = string.IsNullOrEmpty(@ref) ? r.DefaultBranch : @ref;
            var commit = r.Refs.GetValueOrDefault("refs/heads/" + reference) ?? (r.Commits.ContainsKey(reference) ? reference : null)
                ?? throw new GitHubApiError(404, $"No commit found for the ref {reference}", Doc);
            var filePath = Uri.UnescapeDataString(path ?? string.Empty).Trim('/');
            // GitHub answers the raw media type in the form it was asked for (Octokit asks for the v3 form).
            var raw = request.Headers.Accept.ToString() switch
            {
                var a when a.Contains("application/vnd.github.v3.raw", StringComparison.OrdinalIgnoreCase) => "application/vnd.github.v3.raw",
                var a when a.Contains("application/vnd.github.raw", StringComparison.OrdinalIgnoreCase) => "application/vnd.github.raw",
                _ => null,
            };
            if (raw is not null && r.Trees[r.Commits[commit].TreeSha].TryGetValue(filePath, out var file))
            {
                return Results.Bytes(r.Blobs[file.BlobSha], raw);
            }

            return Ok(shapes().Contents(r, commit, reference, filePath) ?? throw GitHubApiError.NotFound(Doc));
        }));

        repos.MapPost("/pulls", async (string owner, string repo, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                const string doc = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request";
                var pr = state.CreatePullRequest(r, Required(body, "title", doc), Required(body, "head", doc), Required(body, "base", doc),
                    body?["body"]?.GetValue<string>(), body?["draft"]?.GetValue<bool>() ?? false);
                return Created(shapes().PullRequest(r, pr));
            });
        });

        repos.MapGet("/pulls", (string owner, string repo, HttpRequest request) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            var query = request.Query;
            var stateFilter = query["state"].FirstOrDefault() ?? "open";
            var head = query["head"].FirstOrDefault();
            var baseFilter = query["base"].FirstOrDefault();
            var matches = r.PullRequests.Values
                .Where(p => stateFilter == "all" || p.State == stateFilter)
                .Where(p => head is null || head == $"{r.Owner}:{p.Head}" || (!head.Contains(':', StringComparison.Ordinal) && head.Equals(r.Owner, StringComparison.OrdinalIgnoreCase)))
                .Where(p => baseFilter is null || p.Base == baseFilter)
                .OrderByDescending(p => p.Number)
                .ToList();
            return Ok(Pagination.Page(matches, request, options.DefaultPageSize).Select(p => shapes().PullRequest(r, p)).ToList());
        }));

        repos.MapGet("/pulls/{number:int}", (string owner, string repo, int number) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            return Ok(shapes().PullRequest(r, state.PullRequest(r, number)));
        }));

        repos.MapMethods("/pulls/{number:int}", ["PATCH"], async (string owner, string repo, int number, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            SimulatedRepository? closedRepo = null;
            SimulatedPullRequest? closed = null;
            var result = Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var pr = state.PullRequest(r, number);
                if (body?["title"]?.GetValue<string>() is { } title)
                {
                    pr.Title = title;
                }

                if (body?["body"]?.GetValue<string>() is { } text)
                {
                    pr.Body = text;
                }

                if (body?["state"]?.GetValue<string>() == "closed" && pr.State == "open")
                {
                    state.Close(pr, GitHubTokenMiddleware.Actor(request.HttpContext));
                    (closedRepo, closed) = (r, pr);
                }

                return Ok(shapes().PullRequest(r, pr));
            });
            if (closed is not null)
            {
                await webhooks.DeliverPullRequestClosedAsync(closedRepo!, closed);
            }

            return result;
        });

        repos.MapPut("/pulls/{number:int}/merge", async (string owner, string repo, int number, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            SimulatedRepository? mergedRepo = null;
            SimulatedPullRequest? merged = null;
            var result = Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var pr = state.PullRequest(r, number);
                var commit = state.Merge(r, pr, body?["commit_title"]?.GetValue<string>(), GitHubTokenMiddleware.Actor(request.HttpContext));
                (mergedRepo, merged) = (r, pr);
                return Ok(new { sha = commit.Sha, merged = true, message = "Pull Request successfully merged" });
            });
            if (merged is not null)
            {
                await webhooks.DeliverPullRequestClosedAsync(mergedRepo!, merged);
            }

            return result;
        });

        repos.MapPost("/pulls/{number:int}/requested_reviewers", async (string owner, string repo, int number, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var pr = state.PullRequest(r, number);
                state.RequestReviewers(r, pr, Strings(body?["reviewers"]), Strings(body?["team_reviewers"]), GitHubTokenMiddleware.Actor(request.HttpContext));
                return Created(shapes().PullRequest(r, pr));
            });
        });

        repos.MapPost("/issues/{number:int}/labels", async (string owner, string repo, int number, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var pr = r.PullRequests.GetValueOrDefault(number) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/issues/labels#add-labels-to-an-issue");
                // GitHub accepts a bare array or {"labels": [...]}; Octokit sends the array.
                var labels = body is JsonArray array ? Strings(array) : Strings(body?["labels"]);
                state.AddLabels(pr, labels, GitHubTokenMiddleware.Actor(request.HttpContext));
                return Ok(pr.Labels.Select(shapes().Label).ToList());
            });
        });

        repos.MapPost("/issues/{number:int}/comments", async (string owner, string repo, int number, HttpRequest request) =>
        {
            var body = await ReadBodyAsync(request);
            return Handle(() =>
            {
                var r = state.Repository(owner, repo);
                var pr = r.PullRequests.GetValueOrDefault(number) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/issues/comments#create-an-issue-comment");
                var text = body?["body"]?.GetValue<string>();
                if (string.IsNullOrEmpty(text))
                {
                    throw GitHubApiError.Unprocessable("Invalid request.\n\n\"body\" wasn't supplied.", "https://docs.github.com/rest/issues/comments#create-an-issue-comment");
                }

                var comment = new SimulatedComment(r.PullRequests.Values.Sum(p => p.Comments.Count) + 1, text, state.ActingUser, DateTimeOffset.UtcNow);
                pr.Comments.Add(comment);
                return Created(shapes().Comment(r, number, comment));
            });
        });

        repos.MapGet("/issues/{number:int}/labels", (string owner, string repo, int number) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            var pr = r.PullRequests.GetValueOrDefault(number) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/issues/labels#list-labels-for-an-issue");
            return Ok(pr.Labels.Select(shapes().Label).ToList());
        }));

        repos.MapGet("/pulls/{number:int}/commits", (string owner, string repo, int number, HttpRequest request) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            var pr = r.PullRequests.GetValueOrDefault(number) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/pulls/pulls#list-commits-on-a-pull-request");
            return Ok(Pagination.Page(SimulatorState.PullRequestCommits(r, pr), request, options.DefaultPageSize).Select(c => shapes().RepositoryCommit(r, c)).ToList());
        }));

        repos.MapGet("/issues/{number:int}/events", (string owner, string repo, int number, HttpRequest request) => Handle(() =>
        {
            var r = state.Repository(owner, repo);
            var pr = r.PullRequests.GetValueOrDefault(number) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/issues/events#list-issue-events");
            return Ok(Pagination.Page(pr.Events, request, options.DefaultPageSize).Select(e => shapes().IssueEvent(r, e)).ToList());
        }));

        repos.MapGitHubWebhooks(state, shapes, webhooks, options, Handle);

        // Anything else under the API is GitHub's 404.
        app.Map("/api/v3/{**rest}", () => Results.Json(new { message = "Not Found", documentation_url = "https://docs.github.com/rest", status = "404" }, Json, statusCode: 404));

        IResult Handle(Func<IResult> action)
        {
            lock (state.Sync)
            {
                try
                {
                    return action();
                }
                catch (GitHubApiError error)
                {
                    return Results.Json(JsonShapes.Error(error), Json, statusCode: error.Status);
                }
            }
        }
    }

    private static IResult GetRef(SimulatorState state, JsonShapes shapes, string owner, string repo, string name, bool listPrefix)
    {
        var r = state.Repository(owner, repo);
        var refName = "refs/" + Uri.UnescapeDataString(name).TrimEnd('/');
        if (r.Refs.TryGetValue(refName, out var sha))
        {
            return Ok(shapes.Reference(r, refName, sha));
        }

        var prefixed = r.Refs.Where(x => x.Key.StartsWith(refName, StringComparison.Ordinal)).OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
        if (listPrefix && prefixed.Count > 0)
        {
            return Ok(prefixed.Select(x => shapes.Reference(r, x.Key, x.Value)).ToList());
        }

        throw GitHubApiError.NotFound("https://docs.github.com/rest/git/refs#get-a-reference");
    }

    internal static IResult Ok(object value) => Results.Json(value, Json);

    private static IResult Created(object value) => Results.Json(value, Json, statusCode: 201);

    private static string Required(JsonNode? body, string field, string doc)
    {
        var value = body?[field]?.GetValue<string>();
        return !string.IsNullOrEmpty(value)
            ? value
            : throw GitHubApiError.Unprocessable($"Invalid request.\n\n\"{field}\" wasn't supplied.", doc);
    }

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [];

    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }
}
