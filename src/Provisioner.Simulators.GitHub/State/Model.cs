namespace Provisioner.Simulators.GitHub.State;

/// <summary>A file in a tree: its mode and blob.</summary>
/// <param name="Mode">Git file mode, e.g. <c>100644</c>.</param>
/// <param name="BlobSha">The blob's SHA.</param>
public sealed record TreeFile(string Mode, string BlobSha);

/// <summary>A commit as stored by the simulator.</summary>
/// <param name="Sha">Its SHA.</param>
/// <param name="TreeSha">Its root tree.</param>
/// <param name="Parents">Its parents' SHAs.</param>
/// <param name="Message">Its message.</param>
/// <param name="Author">Who made it.</param>
/// <param name="Date">When.</param>
public sealed record SimulatedCommit(string Sha, string TreeSha, IReadOnlyList<string> Parents, string Message, string Author, DateTimeOffset Date);

/// <summary>A pull request as stored by the simulator.</summary>
public sealed class SimulatedPullRequest
{
    /// <summary>Its number (shared with issues, as on GitHub).</summary>
    public required int Number { get; init; }

    /// <summary>Its id.</summary>
    public required long Id { get; init; }

    /// <summary>Its title.</summary>
    public required string Title { get; set; }

    /// <summary>Its body.</summary>
    public string? Body { get; set; }

    /// <summary>The head branch.</summary>
    public required string Head { get; init; }

    /// <summary>The base branch.</summary>
    public required string Base { get; init; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string State { get; set; } = "open";

    /// <summary>Whether it was merged.</summary>
    public bool Merged { get; set; }

    /// <summary>The merge commit, once merged.</summary>
    public string? MergeCommitSha { get; set; }

    /// <summary>Who merged or closed it.</summary>
    public string? ClosedBy { get; set; }

    /// <summary>Who opened it.</summary>
    public required string User { get; init; }

    /// <summary>Created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Closed, if closed.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Whether it is a draft.</summary>
    public bool Draft { get; init; }

    /// <summary>Requested user reviewers.</summary>
    public List<string> RequestedReviewers { get; } = [];

    /// <summary>Requested team reviewers (slugs).</summary>
    public List<string> RequestedTeams { get; } = [];

    /// <summary>Label names.</summary>
    public List<string> Labels { get; } = [];

    /// <summary>Comments on the pull request's conversation, oldest first.</summary>
    public List<SimulatedComment> Comments { get; } = [];

    /// <summary>Its issue events (review requests, labels, merge, close), oldest first: one per change, as GitHub records them.</summary>
    public List<SimulatedIssueEvent> Events { get; } = [];
}

/// <summary>An issue event of a pull request (<c>GET /repos/{owner}/{repo}/issues/{number}/events</c>).</summary>
/// <param name="Id">Its id.</param>
/// <param name="Event">GitHub's event name: <c>review_requested</c>, <c>labeled</c>, <c>unlabeled</c>, <c>merged</c>, <c>closed</c>.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="CommitId">The commit it refers to (the merge commit of <c>merged</c>, and of <c>closed</c> by a merge).</param>
/// <param name="Label">The label of <c>labeled</c> and <c>unlabeled</c>.</param>
/// <param name="RequestedTeam">The team slug of a team's <c>review_requested</c>.</param>
/// <param name="RequestedReviewer">The login of a user's <c>review_requested</c>.</param>
public sealed record SimulatedIssueEvent(
    long Id,
    string Event,
    string Actor,
    DateTimeOffset CreatedAt,
    string? CommitId = null,
    string? Label = null,
    string? RequestedTeam = null,
    string? RequestedReviewer = null);

/// <summary>A comment on an issue or pull request conversation.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Body">Its text.</param>
/// <param name="User">Who wrote it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record SimulatedComment(long Id, string Body, string User, DateTimeOffset CreatedAt);

/// <summary>A repository with its git objects, refs and pull requests.</summary>
public sealed class SimulatedRepository
{
    /// <summary>Owner login.</summary>
    public required string Owner { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }

    /// <summary>Id.</summary>
    public required long Id { get; init; }

    /// <summary>Default branch.</summary>
    public required string DefaultBranch { get; init; }

    /// <summary><c>owner/name</c>.</summary>
    public string FullName => Owner + "/" + Name;

    /// <summary>Blob contents by SHA.</summary>
    public Dictionary<string, byte[]> Blobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Trees by SHA: the full path map of every file below the tree.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, TreeFile>> Trees { get; } = new(StringComparer.Ordinal);

    /// <summary>Commits by SHA.</summary>
    public Dictionary<string, SimulatedCommit> Commits { get; } = new(StringComparer.Ordinal);

    /// <summary>The folder SHAs of the trees hashed last.</summary>
    internal TreeFolderCache FolderShas { get; } = new();

    /// <summary>Refs (<c>refs/heads/main</c>) to commit SHAs.</summary>
    public Dictionary<string, string> Refs { get; } = new(StringComparer.Ordinal);

    /// <summary>Pull requests by number.</summary>
    public SortedDictionary<int, SimulatedPullRequest> PullRequests { get; } = [];

    /// <summary>The next issue/pull request number.</summary>
    internal int NextNumber { get; set; } = 1;
}
