using System.Text;

namespace Provisioner.Simulators.GitHub.State;

/// <summary>
/// Everything the simulator holds: repositories (git objects, refs, pull requests) and teams.
/// REST and MCP endpoints both work on this one instance, under one lock.
/// </summary>
public sealed class SimulatorState
{
    private const string DocsGit = "https://docs.github.com/rest/git";
    private const string DocsPulls = "https://docs.github.com/rest/pulls/pulls";
    private readonly Dictionary<string, SimulatedRepository> repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> teams = new(StringComparer.OrdinalIgnoreCase);
    private long nextId = 1000;

    /// <summary>The lock every reader and writer holds.</summary>
    public object Sync { get; } = new();

    /// <summary>The login that acts (opens pull requests, merges) for the simulator's token.</summary>
    public string ActingUser { get; set; } = "provisioner-bot";

    /// <summary>Creates a repository whose default branch has one commit with <paramref name="files"/>.</summary>
    public SimulatedRepository SeedRepository(string owner, string name, string defaultBranch = "main", IReadOnlyDictionary<string, string>? files = null)
    {
        lock (Sync)
        {
            var repo = new SimulatedRepository { Owner = owner, Name = name, Id = NextId(), DefaultBranch = defaultBranch };
            repositories[owner + "/" + name] = repo;
            var entries = (files ?? new Dictionary<string, string> { ["README.md"] = $"# {name}\n" })
                .Select(f => new TreeEntryInput(f.Key, "100644", "blob", f.Value, null)).ToList();
            var tree = CreateTree(repo, null, entries);
            var commit = CreateCommit(repo, "Initial commit", tree, [], "octocat");
            repo.Refs["refs/heads/" + defaultBranch] = commit.Sha;
            return repo;
        }
    }

    /// <summary>Adds a team that may be asked to review (<c>org/slug</c>).</summary>
    public void AddTeam(string organization, string slug)
    {
        lock (Sync)
        {
            teams.Add(organization + "/" + slug);
        }
    }

    /// <summary>The repository, or null.</summary>
    public SimulatedRepository? FindRepository(string owner, string name)
    {
        lock (Sync)
        {
            return repositories.GetValueOrDefault(owner + "/" + name);
        }
    }

    /// <summary>The text of every file at a branch or commit, by path.</summary>
    public IReadOnlyDictionary<string, string> ReadFiles(string owner, string name, string branchOrSha)
    {
        lock (Sync)
        {
            var repo = Repository(owner, name);
            var sha = repo.Refs.GetValueOrDefault("refs/heads/" + branchOrSha) ?? branchOrSha;
            var commit = repo.Commits[sha];
            return repo.Trees[commit.TreeSha].ToDictionary(f => f.Key, f => Encoding.UTF8.GetString(repo.Blobs[f.Value.BlobSha]), StringComparer.Ordinal);
        }
    }

    /// <summary>The commits reachable from <paramref name="head"/> but not from <paramref name="baseBranch"/>, newest first.</summary>
    public IReadOnlyList<SimulatedCommit> CommitsAhead(string owner, string name, string baseBranch, string head)
    {
        lock (Sync)
        {
            var repo = Repository(owner, name);
            var reachable = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>([repo.Refs["refs/heads/" + baseBranch]]);
            while (pending.TryPop(out var sha))
            {
                if (reachable.Add(sha))
                {
                    foreach (var parent in repo.Commits[sha].Parents)
                    {
                        pending.Push(parent);
                    }
                }
            }

            var ahead = new List<SimulatedCommit>();
            var cursor = repo.Refs["refs/heads/" + head];
            while (!reachable.Contains(cursor))
            {
                var commit = repo.Commits[cursor];
                ahead.Add(commit);
                if (commit.Parents.Count == 0)
                {
                    break;
                }

                cursor = commit.Parents[0];
            }

            return ahead;
        }
    }

    internal SimulatedRepository Repository(string owner, string name) =>
        repositories.GetValueOrDefault(owner + "/" + name) ?? throw GitHubApiError.NotFound("https://docs.github.com/rest/repos/repos#get-a-repository");

    internal bool TeamExists(string organization, string slug) => teams.Contains(organization + "/" + slug);

    internal long NextId() => Interlocked.Increment(ref nextId);

    internal string CreateBlob(SimulatedRepository repo, byte[] content)
    {
        var sha = GitObjects.BlobSha(content);
        repo.Blobs[sha] = content;
        return sha;
    }

    internal string CreateTree(SimulatedRepository repo, string? baseTree, IReadOnlyList<TreeEntryInput> entries)
    {
        var files = new Dictionary<string, TreeFile>(StringComparer.Ordinal);
        if (baseTree is not null)
        {
            if (!repo.Trees.TryGetValue(baseTree, out var baseFiles))
            {
                throw GitHubApiError.Unprocessable("Invalid tree info", DocsGit + "/trees#create-a-tree", [new { resource = "Tree", field = "base_tree", code = "invalid" }]);
            }

            foreach (var (path, file) in baseFiles)
            {
                files[path] = file;
            }
        }

        foreach (var entry in entries)
        {
            if (string.IsNullOrEmpty(entry.Path) || entry.Path.StartsWith('/') || entry.Path.EndsWith('/'))
            {
                throw GitHubApiError.Unprocessable("tree.path contains a malformed path component", DocsGit + "/trees#create-a-tree");
            }

            if (entry.Content is not null)
            {
                files[entry.Path] = new TreeFile(entry.Mode, CreateBlob(repo, Encoding.UTF8.GetBytes(entry.Content)));
            }
            else if (entry.Sha is not null)
            {
                if (!repo.Blobs.ContainsKey(entry.Sha))
                {
                    throw GitHubApiError.Unprocessable("Invalid tree info", DocsGit + "/trees#create-a-tree", [new { resource = "Tree", field = "sha", code = "invalid" }]);
                }

                files[entry.Path] = new TreeFile(entry.Mode, entry.Sha);
            }
            else
            {
                files.Remove(entry.Path);
            }
        }

        var (root, folders) = baseTree is null
            ? GitObjects.TreeShas(files)
            : GitObjects.TreeShas(files, repo.FolderShas.Of(baseTree, repo.Trees[baseTree]), entries.Select(entry => entry.Path));
        repo.Trees[root] = files;
        repo.FolderShas.Remember(root, folders);
        return root;
    }

    internal SimulatedCommit CreateCommit(SimulatedRepository repo, string message, string treeSha, IReadOnlyList<string> parents, string author)
    {
        if (!repo.Trees.ContainsKey(treeSha))
        {
            throw GitHubApiError.Unprocessable("Tree SHA does not exist", DocsGit + "/commits#create-a-commit");
        }

        if (parents.Any(p => !repo.Commits.ContainsKey(p)))
        {
            throw GitHubApiError.Unprocessable("Parent SHA does not exist or is not a commit object", DocsGit + "/commits#create-a-commit");
        }

        var date = DateTimeOffset.UtcNow;
        var sha = GitObjects.CommitSha(treeSha, parents, author, date, message);
        var commit = new SimulatedCommit(sha, treeSha, parents, message, author, date);
        repo.Commits[sha] = commit;
        return commit;
    }

    internal void CreateRef(SimulatedRepository repo, string refName, string sha)
    {
        if (!refName.StartsWith("refs/", StringComparison.Ordinal) || refName.Count(c => c == '/') < 2)
        {
            throw GitHubApiError.Unprocessable("Reference name is invalid", DocsGit + "/refs#create-a-reference");
        }

        if (!repo.Commits.ContainsKey(sha))
        {
            throw GitHubApiError.Unprocessable("Object does not exist", DocsGit + "/refs#create-a-reference");
        }

        if (repo.Refs.ContainsKey(refName))
        {
            throw GitHubApiError.Unprocessable("Reference already exists", DocsGit + "/refs#create-a-reference");
        }

        repo.Refs[refName] = sha;
    }

    internal void UpdateRef(SimulatedRepository repo, string refName, string sha, bool force)
    {
        if (!repo.Refs.TryGetValue(refName, out var current))
        {
            throw GitHubApiError.Unprocessable("Reference does not exist", DocsGit + "/refs#update-a-reference");
        }

        if (!repo.Commits.ContainsKey(sha))
        {
            throw GitHubApiError.Unprocessable("Object does not exist", DocsGit + "/refs#update-a-reference");
        }

        if (!force && !IsAncestor(repo, current, sha))
        {
            throw GitHubApiError.Unprocessable("Update is not a fast forward", DocsGit + "/refs#update-a-reference");
        }

        repo.Refs[refName] = sha;
    }

    internal SimulatedPullRequest CreatePullRequest(SimulatedRepository repo, string title, string head, string baseBranch, string? body, bool draft)
    {
        var headBranch = head.Contains(':', StringComparison.Ordinal) ? head[(head.IndexOf(':', StringComparison.Ordinal) + 1)..] : head;
        if (!repo.Refs.TryGetValue("refs/heads/" + headBranch, out var headSha))
        {
            throw GitHubApiError.Unprocessable("Validation Failed", DocsPulls + "#create-a-pull-request", [new { resource = "PullRequest", field = "head", code = "invalid" }]);
        }

        if (!repo.Refs.TryGetValue("refs/heads/" + baseBranch, out var baseSha))
        {
            throw GitHubApiError.Unprocessable("Validation Failed", DocsPulls + "#create-a-pull-request", [new { resource = "PullRequest", field = "base", code = "invalid" }]);
        }

        if (repo.PullRequests.Values.Any(p => p.State == "open" && p.Head == headBranch && p.Base == baseBranch))
        {
            throw GitHubApiError.Unprocessable("Validation Failed", DocsPulls + "#create-a-pull-request",
                [new { resource = "PullRequest", code = "custom", message = $"A pull request already exists for {repo.Owner}:{headBranch}." }]);
        }

        if (IsAncestor(repo, headSha, baseSha))
        {
            throw GitHubApiError.Unprocessable("Validation Failed", DocsPulls + "#create-a-pull-request",
                [new { resource = "PullRequest", code = "custom", message = $"No commits between {baseBranch} and {headBranch}" }]);
        }

        var now = DateTimeOffset.UtcNow;
        var pr = new SimulatedPullRequest
        {
            Number = repo.NextNumber++,
            Id = NextId(),
            Title = title,
            Body = body,
            Head = headBranch,
            Base = baseBranch,
            User = ActingUser,
            CreatedAt = now,
            UpdatedAt = now,
            Draft = draft,
        };
        repo.PullRequests[pr.Number] = pr;
        return pr;
    }

    internal SimulatedPullRequest PullRequest(SimulatedRepository repo, int number) =>
        repo.PullRequests.GetValueOrDefault(number) ?? throw GitHubApiError.NotFound(DocsPulls + "#get-a-pull-request");

    /// <summary>
    /// Requests reviews: each user and team is added to the requested lists once, and every request
    /// records a <c>review_requested</c> event, a repeated one too, as GitHub records re-requests.
    /// </summary>
    internal void RequestReviewers(SimulatedRepository repo, SimulatedPullRequest pr, IEnumerable<string> users, IEnumerable<string> teamSlugs, string? actor = null)
    {
        var slugs = teamSlugs.ToList();
        if (slugs.FirstOrDefault(slug => !TeamExists(repo.Owner, slug)) is not null)
        {
            throw GitHubApiError.Unprocessable("Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of the " + repo.FullName + " repository.",
                "https://docs.github.com/rest/pulls/review-requests#request-reviewers-for-a-pull-request");
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var user in users)
        {
            if (!pr.RequestedReviewers.Contains(user, StringComparer.OrdinalIgnoreCase))
            {
                pr.RequestedReviewers.Add(user);
            }

            pr.Events.Add(new SimulatedIssueEvent(NextId(), "review_requested", actor ?? ActingUser, now, RequestedReviewer: user));
        }

        foreach (var slug in slugs)
        {
            if (!pr.RequestedTeams.Contains(slug, StringComparer.OrdinalIgnoreCase))
            {
                pr.RequestedTeams.Add(slug);
            }

            pr.Events.Add(new SimulatedIssueEvent(NextId(), "review_requested", actor ?? ActingUser, now, RequestedTeam: slug));
        }

        pr.UpdatedAt = now;
    }

    /// <summary>Adds labels; only a label the pull request does not have yet records a <c>labeled</c> event (GitHub records no change for the others).</summary>
    internal void AddLabels(SimulatedPullRequest pr, IEnumerable<string> labels, string? actor = null)
    {
        foreach (var label in labels)
        {
            if (!pr.Labels.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                pr.Labels.Add(label);
                pr.Events.Add(new SimulatedIssueEvent(NextId(), "labeled", actor ?? ActingUser, DateTimeOffset.UtcNow, Label: label));
            }
        }
    }

    /// <summary>Replaces the labels (as updating an issue's <c>labels</c> does): <c>unlabeled</c> for each one dropped, <c>labeled</c> for each one new.</summary>
    internal void SetLabels(SimulatedPullRequest pr, IReadOnlyCollection<string> labels, string? actor = null)
    {
        foreach (var dropped in pr.Labels.Where(l => !labels.Contains(l, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            pr.Labels.Remove(dropped);
            pr.Events.Add(new SimulatedIssueEvent(NextId(), "unlabeled", actor ?? ActingUser, DateTimeOffset.UtcNow, Label: dropped));
        }

        AddLabels(pr, labels, actor);
    }

    /// <summary>
    /// The pull request's commits, oldest first: those of its head not in its base. A merged one keeps
    /// the commits it merged (the merge commit's parents are the base and head it joined).
    /// </summary>
    internal static IReadOnlyList<SimulatedCommit> PullRequestCommits(SimulatedRepository repo, SimulatedPullRequest pr)
    {
        var (baseSha, headSha) = pr.MergeCommitSha is { } merge && repo.Commits[merge].Parents is [var mergedBase, var mergedHead]
            ? (mergedBase, mergedHead)
            : (repo.Refs.GetValueOrDefault("refs/heads/" + pr.Base), repo.Refs.GetValueOrDefault("refs/heads/" + pr.Head));
        if (headSha is null)
        {
            return [];
        }

        HashSet<string> excluded = baseSha is null ? [] : Ancestors(repo, baseSha);
        var ordered = new List<SimulatedCommit>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        // Parents before children (an iterative post-order walk), so the list reads oldest first as GitHub's does.
        var pending = new Stack<(string Sha, bool ParentsDone)>([(headSha, false)]);
        while (pending.TryPop(out var next))
        {
            if (excluded.Contains(next.Sha) || !repo.Commits.TryGetValue(next.Sha, out var commit))
            {
                continue;
            }

            if (next.ParentsDone)
            {
                ordered.Add(commit);
            }
            else if (visited.Add(next.Sha))
            {
                pending.Push((next.Sha, true));
                foreach (var parent in commit.Parents.Reverse())
                {
                    pending.Push((parent, false));
                }
            }
        }

        return ordered;
    }

    internal SimulatedCommit Merge(SimulatedRepository repo, SimulatedPullRequest pr, string? commitTitle, string? actor = null)
    {
        var mergedTree = pr.State == "open" ? MergeTree(repo, pr) : null;
        if (mergedTree is null)
        {
            throw new GitHubApiError(405, "Pull Request is not mergeable", DocsPulls + "#merge-a-pull-request");
        }

        var baseRef = "refs/heads/" + pr.Base;
        var headSha = repo.Refs["refs/heads/" + pr.Head];
        var baseSha = repo.Refs[baseRef];
        var message = commitTitle ?? $"Merge pull request #{pr.Number} from {repo.Owner}/{pr.Head}";
        var merge = CreateCommit(repo, message, mergedTree, [baseSha, headSha], actor ?? ActingUser);
        repo.Refs[baseRef] = merge.Sha;
        pr.State = "closed";
        pr.Merged = true;
        pr.MergeCommitSha = merge.Sha;
        pr.ClosedBy = actor ?? ActingUser;
        pr.ClosedAt = pr.UpdatedAt = DateTimeOffset.UtcNow;
        // GitHub records a merge as two events, both naming the merge commit.
        pr.Events.Add(new SimulatedIssueEvent(NextId(), "merged", pr.ClosedBy, pr.ClosedAt.Value, CommitId: merge.Sha));
        pr.Events.Add(new SimulatedIssueEvent(NextId(), "closed", pr.ClosedBy, pr.ClosedAt.Value, CommitId: merge.Sha));
        return merge;
    }

    /// <summary>
    /// Whether an open pull request merges cleanly into its base as it stands now: GitHub's
    /// <c>mergeable</c>. Null for a closed one (GitHub no longer computes it).
    /// </summary>
    internal static bool? IsMergeable(SimulatedRepository repo, SimulatedPullRequest pr) =>
        pr.State == "open" ? MergeTree(repo, pr) is not null : null;

    /// <summary>
    /// The tree a merge commit of the pull request would have: a three-way merge of the head's
    /// changes since the merge base onto the base branch as it is now, as git merges. Pull requests
    /// that change different files all merge, in any order; null when both sides changed a file
    /// differently (a conflict), or the branches share no history.
    /// </summary>
    private static string? MergeTree(SimulatedRepository repo, SimulatedPullRequest pr)
    {
        if (!repo.Refs.TryGetValue("refs/heads/" + pr.Head, out var headSha) ||
            !repo.Refs.TryGetValue("refs/heads/" + pr.Base, out var baseSha))
        {
            return null;
        }

        var headTree = repo.Commits[headSha].TreeSha;
        if (IsAncestor(repo, baseSha, headSha))
        {
            return headTree;
        }

        if (MergeBase(repo, baseSha, headSha) is not { } ancestor)
        {
            return null;
        }

        var original = repo.Trees[repo.Commits[ancestor].TreeSha];
        var ours = repo.Trees[repo.Commits[baseSha].TreeSha];
        var theirs = repo.Trees[headTree];
        var merged = new Dictionary<string, TreeFile>(ours, StringComparer.Ordinal);
        var changed = new List<string>();
        foreach (var path in original.Keys.Union(theirs.Keys, StringComparer.Ordinal))
        {
            var before = original.GetValueOrDefault(path);
            var after = theirs.GetValueOrDefault(path);
            if (after == before)
            {
                continue;
            }

            var current = ours.GetValueOrDefault(path);
            if (current == before)
            {
                if (after is null)
                {
                    merged.Remove(path);
                }
                else
                {
                    merged[path] = after;
                }

                changed.Add(path);
            }
            else if (current != after)
            {
                return null;
            }
        }

        var oursSha = repo.Commits[baseSha].TreeSha;
        var (root, folders) = GitObjects.TreeShas(merged, repo.FolderShas.Of(oursSha, ours), changed);
        repo.Trees[root] = merged;
        repo.FolderShas.Remember(root, folders);
        return root;
    }

    /// <summary>The nearest commit both branches descend from (breadth-first from <paramref name="baseSha"/>), or null.</summary>
    private static string? MergeBase(SimulatedRepository repo, string baseSha, string headSha)
    {
        var headAncestors = Ancestors(repo, headSha);
        var pending = new Queue<string>([baseSha]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var sha))
        {
            if (headAncestors.Contains(sha))
            {
                return sha;
            }

            if (seen.Add(sha) && repo.Commits.TryGetValue(sha, out var commit))
            {
                foreach (var parent in commit.Parents)
                {
                    pending.Enqueue(parent);
                }
            }
        }

        return null;
    }

    private static HashSet<string> Ancestors(SimulatedRepository repo, string sha)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([sha]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && repo.Commits.TryGetValue(next, out var commit))
            {
                foreach (var parent in commit.Parents)
                {
                    pending.Push(parent);
                }
            }
        }

        return seen;
    }

    internal void Close(SimulatedPullRequest pr, string? actor = null)
    {
        pr.State = "closed";
        pr.ClosedBy = actor ?? ActingUser;
        pr.ClosedAt = pr.UpdatedAt = DateTimeOffset.UtcNow;
        pr.Events.Add(new SimulatedIssueEvent(NextId(), "closed", pr.ClosedBy, pr.ClosedAt.Value));
    }

    private static bool IsAncestor(SimulatedRepository repo, string ancestor, string descendant) =>
        Ancestors(repo, descendant).Contains(ancestor);
}

/// <summary>One entry of a create-tree request.</summary>
internal sealed record TreeEntryInput(string Path, string Mode, string Type, string? Content, string? Sha);
