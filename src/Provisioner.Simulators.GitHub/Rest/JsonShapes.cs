using Provisioner.Simulators.GitHub.State;
using Provisioner.Simulators.GitHub.Webhooks;

namespace Provisioner.Simulators.GitHub.Rest;

/// <summary>Renders state as GitHub's REST JSON (the fields Octokit and the webhook readers use).</summary>
internal sealed class JsonShapes(string baseUrl)
{
    /// <summary>The color GitHub gives a label an issue creates on the fly.</summary>
    private const string LabelColor = "ededed";

    private string Api => baseUrl + "api/v3/";

    public static string Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    public object User(string login, long id = 1) => new
    {
        login,
        id,
        node_id = "U_" + login,
        avatar_url = $"{baseUrl}avatars/{login}",
        url = $"{Api}users/{login}",
        html_url = $"{baseUrl}{login}",
        type = "User",
        site_admin = false,
    };

    public string OrganizationUrl(string organization) => $"{Api}orgs/{organization}";

    public string RepositoryHtmlUrl(SimulatedRepository repo) => baseUrl + repo.FullName;

    public object Repository(SimulatedRepository repo, bool forWebhook = false) => new
    {
        id = repo.Id,
        node_id = "R_" + repo.Id,
        name = repo.Name,
        full_name = repo.FullName,
        @private = true,
        owner = User(repo.Owner, repo.Id - 1),
        html_url = $"{baseUrl}{repo.FullName}",
        url = $"{Api}repos/{repo.FullName}",
        clone_url = $"{baseUrl}{repo.FullName}.git",
        default_branch = repo.DefaultBranch,
        visibility = "private",
        fork = false,
        archived = false,
        disabled = false,
        created_at = "2024-01-01T00:00:00Z",
        updated_at = "2024-01-01T00:00:00Z",
        pushed_at = "2024-01-01T00:00:00Z",
        // Webhook payloads carry no caller permissions; API answers do.
        permissions = forWebhook ? null : new { admin = false, maintain = false, push = true, triage = true, pull = true },
    };

    public object Reference(SimulatedRepository repo, string refName, string sha) => new
    {
        @ref = refName,
        node_id = "REF_" + sha[..10],
        url = $"{Api}repos/{repo.FullName}/git/{refName}",
        @object = new { sha, type = "commit", url = $"{Api}repos/{repo.FullName}/git/commits/{sha}" },
    };

    public object Commit(SimulatedRepository repo, SimulatedCommit commit) => new
    {
        sha = commit.Sha,
        node_id = CommitNodeId(commit.Sha),
        url = $"{Api}repos/{repo.FullName}/git/commits/{commit.Sha}",
        html_url = CommitHtmlUrl(repo, commit.Sha),
        author = Signature(commit),
        committer = Signature(commit),
        message = commit.Message,
        tree = new { sha = commit.TreeSha, url = $"{Api}repos/{repo.FullName}/git/trees/{commit.TreeSha}" },
        parents = commit.Parents.Select(p => new { sha = p, url = $"{Api}repos/{repo.FullName}/git/commits/{p}", html_url = CommitHtmlUrl(repo, p) }),
        verification = Unsigned,
    };

    /// <summary>A commit as the repository and pull request commit lists show it: the git commit inside, its author and committer as users.</summary>
    public object RepositoryCommit(SimulatedRepository repo, SimulatedCommit commit) => new
    {
        url = $"{Api}repos/{repo.FullName}/commits/{commit.Sha}",
        sha = commit.Sha,
        node_id = CommitNodeId(commit.Sha),
        html_url = CommitHtmlUrl(repo, commit.Sha),
        comments_url = $"{Api}repos/{repo.FullName}/commits/{commit.Sha}/comments",
        commit = new
        {
            url = $"{Api}repos/{repo.FullName}/git/commits/{commit.Sha}",
            author = Signature(commit),
            committer = Signature(commit),
            message = commit.Message,
            tree = new { sha = commit.TreeSha, url = $"{Api}repos/{repo.FullName}/git/trees/{commit.TreeSha}" },
            comment_count = 0,
            verification = Unsigned,
        },
        author = User(commit.Author),
        committer = User(commit.Author),
        parents = commit.Parents.Select(p => new { sha = p, url = $"{Api}repos/{repo.FullName}/commits/{p}", html_url = CommitHtmlUrl(repo, p) }),
    };

    private static readonly object Unsigned = new { verified = false, reason = "unsigned", signature = (string?)null, payload = (string?)null, verified_at = (string?)null };

    private static string CommitNodeId(string sha) => "C_" + sha[..10];

    private static object Signature(SimulatedCommit commit) => new { name = commit.Author, email = commit.Author + "@users.noreply.github.com", date = Time(commit.Date) };

    private string CommitHtmlUrl(SimulatedRepository repo, string sha) => $"{baseUrl}{repo.FullName}/commit/{sha}";

    public object Tree(SimulatedRepository repo, string treeSha, bool recursive)
    {
        var files = repo.Trees[treeSha];
        var (_, folders) = GitObjects.TreeShas(files);
        var entries = new List<object>();
        foreach (var (folder, sha) in folders.Where(f => f.Key.Length > 0).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (recursive || !folder.Contains('/', StringComparison.Ordinal))
            {
                entries.Add(new { path = folder, mode = "040000", type = "tree", sha, url = $"{Api}repos/{repo.FullName}/git/trees/{sha}" });
            }
        }

        foreach (var (path, file) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (recursive || !path.Contains('/', StringComparison.Ordinal))
            {
                entries.Add(new { path, mode = file.Mode, type = "blob", sha = file.BlobSha, size = repo.Blobs[file.BlobSha].Length, url = $"{Api}repos/{repo.FullName}/git/blobs/{file.BlobSha}" });
            }
        }

        return new { sha = treeSha, url = $"{Api}repos/{repo.FullName}/git/trees/{treeSha}", tree = entries, truncated = false };
    }

    /// <summary>
    /// The contents API's answer for a path at a commit: a file object (base64 content wrapped at 60
    /// characters, as GitHub sends it), an array of entries for a folder, or null when nothing is there.
    /// </summary>
    public object? Contents(SimulatedRepository repo, string commitSha, string reference, string path)
    {
        var files = repo.Trees[repo.Commits[commitSha].TreeSha];
        if (files.TryGetValue(path, out var file))
        {
            var bytes = repo.Blobs[file.BlobSha];
            var base64 = Convert.ToBase64String(bytes);
            var wrapped = string.Concat(base64.Chunk(60).Select(line => new string(line) + "\n"));
            return ContentEntry(repo, reference, path, "file", file.BlobSha, bytes.Length, wrapped);
        }

        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var (_, folders) = GitObjects.TreeShas(files);
        if (path.Length > 0 && !folders.ContainsKey(path))
        {
            return null;
        }

        var entries = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (filePath, entry) in files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var rest = filePath[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var name = slash < 0 ? rest : rest[..slash];
            entries[name] = slash < 0
                ? ContentEntry(repo, reference, filePath, "file", entry.BlobSha, repo.Blobs[entry.BlobSha].Length, null)
                : ContentEntry(repo, reference, prefix + name, "dir", folders[prefix + name], 0, null);
        }

        return entries.Values.ToList();
    }

    private object ContentEntry(SimulatedRepository repo, string reference, string path, string type, string sha, int size, string? content)
    {
        var self = $"{Api}repos/{repo.FullName}/contents/{path}?ref={Uri.EscapeDataString(reference)}";
        var git = $"{Api}repos/{repo.FullName}/git/{(type == "dir" ? "trees" : "blobs")}/{sha}";
        var html = $"{baseUrl}{repo.FullName}/{(type == "dir" ? "tree" : "blob")}/{reference}/{path}";
        return new
        {
            type,
            encoding = content is null ? null : "base64",
            size,
            name = path[(path.LastIndexOf('/') + 1)..],
            path,
            content,
            sha,
            url = self,
            git_url = git,
            html_url = html,
            download_url = type == "file" ? $"{baseUrl}raw/{repo.FullName}/{reference}/{path}" : null,
            _links = new { self, git, html },
        };
    }

    public object PullRequest(SimulatedRepository repo, SimulatedPullRequest pr, bool forWebhook = false)
    {
        var headSha = repo.Refs.GetValueOrDefault("refs/heads/" + pr.Head) ?? pr.MergeCommitSha ?? string.Empty;
        var baseSha = repo.Refs.GetValueOrDefault("refs/heads/" + pr.Base) ?? string.Empty;
        var repoJson = Repository(repo, forWebhook);
        var mergeable = SimulatorState.IsMergeable(repo, pr);
        return new
        {
            url = $"{Api}repos/{repo.FullName}/pulls/{pr.Number}",
            id = pr.Id,
            node_id = "PR_" + pr.Id,
            html_url = $"{baseUrl}{repo.FullName}/pull/{pr.Number}",
            diff_url = $"{baseUrl}{repo.FullName}/pull/{pr.Number}.diff",
            patch_url = $"{baseUrl}{repo.FullName}/pull/{pr.Number}.patch",
            issue_url = $"{Api}repos/{repo.FullName}/issues/{pr.Number}",
            number = pr.Number,
            state = pr.State,
            locked = false,
            title = pr.Title,
            user = User(pr.User),
            body = pr.Body,
            labels = pr.Labels.Select(Label),
            created_at = Time(pr.CreatedAt),
            updated_at = Time(pr.UpdatedAt),
            closed_at = pr.ClosedAt is null ? null : Time(pr.ClosedAt),
            merged_at = pr.Merged ? Time(pr.ClosedAt) : null,
            merge_commit_sha = pr.MergeCommitSha,
            requested_reviewers = pr.RequestedReviewers.Select(u => User(u)),
            requested_teams = pr.RequestedTeams.Select(t => Team(repo.Owner, t)),
            draft = pr.Draft,
            head = new { label = $"{repo.Owner}:{pr.Head}", @ref = pr.Head, sha = headSha, user = User(repo.Owner), repo = repoJson },
            @base = new { label = $"{repo.Owner}:{pr.Base}", @ref = pr.Base, sha = baseSha, user = User(repo.Owner), repo = repoJson },
            author_association = "MEMBER",
            merged = pr.Merged,
            mergeable,
            mergeable_state = mergeable switch { true => "clean", false => "dirty", null => "unknown" },
            merged_by = pr.Merged ? User(pr.ClosedBy!) : null,
            comments = 0,
            review_comments = 0,
            commits = 1,
            additions = 0,
            deletions = 0,
            changed_files = 0,
        };
    }

    public object Comment(SimulatedRepository repo, int number, SimulatedComment comment) => new
    {
        id = comment.Id,
        node_id = "IC_" + comment.Id,
        url = $"{Api}repos/{repo.FullName}/issues/comments/{comment.Id}",
        html_url = $"{RepositoryHtmlUrl(repo)}/pull/{number}#issuecomment-{comment.Id}",
        issue_url = $"{Api}repos/{repo.FullName}/issues/{number}",
        body = comment.Body,
        user = User(comment.User),
        created_at = Time(comment.CreatedAt),
        updated_at = Time(comment.CreatedAt),
        author_association = "MEMBER",
    };

    public object Label(string name) => new
    {
        id = Math.Abs(name.GetHashCode(StringComparison.Ordinal)),
        node_id = "LA_" + name,
        url = $"{Api}labels/{Uri.EscapeDataString(name)}",
        name,
        color = LabelColor,
        @default = false,
        description = (string?)null,
    };

    public object Team(string organization, string slug) => new
    {
        id = Math.Abs((organization + "/" + slug).GetHashCode(StringComparison.Ordinal)),
        node_id = "T_" + slug,
        url = $"{Api}orgs/{organization}/teams/{slug}",
        html_url = $"{baseUrl}orgs/{organization}/teams/{slug}",
        name = slug,
        slug,
        description = (string?)null,
        privacy = "closed",
        notification_setting = "notifications_enabled",
        permission = "push",
        members_url = $"{Api}orgs/{organization}/teams/{slug}/members{{/member}}",
        repositories_url = $"{Api}orgs/{organization}/teams/{slug}/repos",
        parent = (object?)null,
    };

    /// <summary>An issue event, with the fields its kind adds (the requested team or user, the label).</summary>
    public object IssueEvent(SimulatedRepository repo, SimulatedIssueEvent issueEvent)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = issueEvent.Id,
            ["node_id"] = issueEvent.Event switch
            {
                "review_requested" => "RRE_",
                "labeled" => "LE_",
                "unlabeled" => "UNLE_",
                "merged" => "ME_",
                _ => "CE_",
            } + issueEvent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["url"] = $"{Api}repos/{repo.FullName}/issues/events/{issueEvent.Id}",
            ["actor"] = User(issueEvent.Actor),
            ["event"] = issueEvent.Event,
            ["commit_id"] = issueEvent.CommitId,
            ["commit_url"] = issueEvent.CommitId is { } sha ? $"{Api}repos/{repo.FullName}/commits/{sha}" : null,
            ["created_at"] = Time(issueEvent.CreatedAt),
            ["performed_via_github_app"] = null,
        };
        if (issueEvent.Event == "review_requested")
        {
            json["review_requester"] = User(issueEvent.Actor);
        }

        if (issueEvent.RequestedTeam is { } team)
        {
            json["requested_team"] = Team(repo.Owner, team);
        }

        if (issueEvent.RequestedReviewer is { } reviewer)
        {
            json["requested_reviewer"] = User(reviewer);
        }

        if (issueEvent.Label is { } label)
        {
            json["label"] = new { name = label, color = LabelColor };
        }

        return json;
    }

    /// <summary>
    /// The repository's webhook. Its last response is <c>unused</c> until a delivery; then GitHub's <c>active</c>/<c>OK</c>
    /// after one the receiver accepted, and the delivery's status otherwise.
    /// </summary>
    public object Hook(SimulatedRepository repo, Uri? url, string secret, DateTimeOffset createdAt, WebhookDelivery? lastDelivery)
    {
        var self = $"{Api}repos/{repo.FullName}/hooks/{WebhookSender.HookId}";
        var config = new Dictionary<string, string?> { ["content_type"] = "json", ["insecure_ssl"] = "0" };
        if (secret.Length > 0)
        {
            // GitHub never shows a hook's secret, only that it has one.
            config["secret"] = "********";
        }

        config["url"] = url?.ToString();
        return new
        {
            type = "Repository",
            id = WebhookSender.HookId,
            name = "web",
            active = true,
            events = new[] { "pull_request" },
            config,
            updated_at = Time(createdAt),
            created_at = Time(createdAt),
            url = self,
            test_url = self + "/test",
            ping_url = self + "/pings",
            deliveries_url = self + "/deliveries",
            last_response = lastDelivery switch
            {
                null => new { code = (int?)null, status = "unused", message = (string?)null },
                { StatusCode: >= 200 and < 300 } ok => new { code = (int?)ok.StatusCode, status = "active", message = (string?)"OK" },
                var failed => new { code = failed.StatusCode == 0 ? null : (int?)failed.StatusCode, status = "misconfigured", message = (string?)failed.Status },
            },
        };
    }

    /// <summary>One attempt in a hook's deliveries list.</summary>
    public static object HookDelivery(WebhookDelivery delivery) => new
    {
        id = delivery.DeliveryId,
        guid = delivery.Id.ToString(),
        delivered_at = Time(delivery.DeliveredAt),
        redelivery = delivery.Redelivery,
        duration = Math.Round(delivery.Duration.TotalSeconds, 2),
        status = delivery.Status,
        status_code = delivery.StatusCode,
        @event = delivery.Event,
        action = delivery.Action,
        installation_id = (long?)null,
        repository_id = delivery.RepositoryId,
    };

    public static object Error(GitHubApiError error) => error.Errors is null
        ? new { message = error.Message, documentation_url = error.DocumentationUrl, status = error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) }
        : new { message = error.Message, errors = error.Errors, documentation_url = error.DocumentationUrl, status = error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
