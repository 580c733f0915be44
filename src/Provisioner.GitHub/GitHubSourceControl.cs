using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Provisioner.GitHub.Mcp;
using Provisioner.GitHub.Rest;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.GitHub;

/// <summary>
/// Opens a provision's pull request on GitHub: through the GitHub MCP server when one is configured
/// and usable, through the REST API otherwise (and for whatever the MCP server could not do).
/// Safe to call again after any failure: an existing branch with this provision's commit and an
/// open pull request from it are reused.
/// </summary>
internal sealed class GitHubSourceControl(
    IOptions<SitesRepositoryOptions> repository,
    IOptions<GitHubOptions> gitHub,
    ISecretProvider secrets,
    GitHubClientOptions options,
    ILoggerFactory loggerFactory) : ISourceControl
{
    private readonly ILogger logger = loggerFactory.CreateLogger<GitHubSourceControl>();
    private readonly object sync = new();
    private (GitHubSettings Settings, IGitHubClient Client)? connection;

    public async Task<PullRequestRef> OpenPullRequestAsync(ProvisionPullRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (settings, token, policy, rest) = await SessionAsync(cancellationToken);
        var content = PullRequestContent.For(request);

        McpGitHubSession? mcp = null;
        if (settings.McpEndpoint is not null)
        {
            mcp = await McpGitHubSession.TryConnectAsync(settings.McpEndpoint, token, options.McpConnectTimeout, options.McpCallTimeout, loggerFactory, policy.Redact, cancellationToken);
            if (mcp is not null && !(mcp.Has("create_branch") && mcp.Has("push_files") && mcp.Has("create_pull_request")))
            {
                logger.LogWarning("GitHub MCP server lacks create_branch, push_files or create_pull_request; using the REST API.");
                await mcp.DisposeAsync();
                mcp = null;
            }
        }

        try
        {
            var steps = new Steps(request, content, settings, rest, policy, logger) { Mcp = mcp };
            return await steps.RunAsync(cancellationToken);
        }
        finally
        {
            if (mcp is not null)
            {
                await mcp.DisposeAsync();
            }
        }
    }

    public async Task<PullRequestStatus> GetPullRequestAsync(int number, CancellationToken cancellationToken) =>
        await (await SessionAsync(cancellationToken)).Client.GetPullRequestStatusAsync(number, cancellationToken);

    public async Task ClosePullRequestAsync(int number, string reason, CancellationToken cancellationToken)
    {
        if (await (await SessionAsync(cancellationToken)).Client.CloseWithCommentAsync(number, reason, cancellationToken))
        {
            logger.LogInformation("Closed pull request #{Number}: {Reason}", number, reason);
        }
    }

    public async Task<int?> FindOpenPullRequestAsync(string provisionId, CancellationToken cancellationToken) =>
        (await (await SessionAsync(cancellationToken)).Client.FindOpenPullRequestAsync(ProvisionBranch.For(provisionId), cancellationToken))?.Number;

    /// <summary>What one call needs: settings, the current token (read each call, so rotation takes effect), its error policy and REST client.</summary>
    private async Task<(GitHubSettings Settings, string Token, GitHubErrorPolicy Policy, RestPullRequestClient Client)> SessionAsync(CancellationToken cancellationToken)
    {
        var (settings, client) = Connection();
        var token = await secrets.GetSecretAsync(SettingNames.GitHubToken, cancellationToken)
            ?? throw new IntegrationNotConfiguredException("GitHub", SettingNames.GitHubToken);
        var policy = new GitHubErrorPolicy(options, logger, $"{settings.Owner}/{settings.Repository}", token);
        return (settings, token, policy, new RestPullRequestClient(client, settings, policy));
    }

    /// <summary>Settings and client, made on first use; missing settings are not cached, so fixing them takes effect.</summary>
    private (GitHubSettings Settings, IGitHubClient Client) Connection()
    {
        lock (sync)
        {
            if (connection is null)
            {
                var settings = GitHubSettings.Resolve(repository, gitHub);
                var product = new ProductHeaderValue("Provisioner");
                var credentials = new SecretCredentialStore(secrets);
                IGitHubClient client = settings.ApiUrl is null ? new GitHubClient(product, credentials) : new GitHubClient(product, credentials, settings.ApiUrl);
                connection = (settings, client);
            }

            return connection.Value;
        }
    }

    /// <summary>One call's steps; <see cref="Mcp"/> is dropped at the first MCP failure and REST does the rest.</summary>
    private sealed class Steps(ProvisionPullRequest request, PullRequestContent content, GitHubSettings settings, RestPullRequestClient rest, GitHubErrorPolicy policy, ILogger logger)
    {
        public McpGitHubSession? Mcp { get; set; }

        private string Branch => content.Branch;

        public async Task<PullRequestRef> RunAsync(CancellationToken ct)
        {
            var target = await rest.GetBaseAsync(ct);
            var baseBranch = target.Branch;
            var existingHead = await rest.FindBranchHeadAsync(Branch, ct);
            var branchExisted = existingHead is not null;
            if (existingHead is null)
            {
                await CreateBranchWithCommitAsync(baseBranch, ct);
            }
            else
            {
                await AdoptBranchAsync(existingHead, baseBranch, ct);
            }

            var (number, url, via) = await EnsurePullRequestAsync(baseBranch, branchExisted, ct);
            await RequestReviewAsync(number, ct);
            await LabelAsync(number, ct);
            logger.LogInformation("Pull request #{Number} for provision {ProvisionId} is open (via {Via}).", number, request.ProvisionId, via);
            return new PullRequestRef(number, url, Branch, via, target);
        }

        private async Task CreateBranchWithCommitAsync(string baseBranch, CancellationToken ct)
        {
            if (Mcp is not null)
            {
                var branched = await Mcp.TryCallAsync("create_branch", new()
                {
                    ["owner"] = settings.Owner, ["repo"] = settings.Repository, ["branch"] = Branch, ["from_branch"] = baseBranch,
                }, ct);
                if (branched is not null)
                {
                    var pushed = await Mcp.TryCallAsync("push_files", new()
                    {
                        ["owner"] = settings.Owner, ["repo"] = settings.Repository, ["branch"] = Branch, ["message"] = content.CommitMessage,
                        ["files"] = request.Files.Select(f => new Dictionary<string, string> { ["path"] = f.Path, ["content"] = f.Content }).ToList(),
                    }, ct);
                    if (pushed is not null)
                    {
                        return;
                    }
                }

                Mcp = null;
                // The MCP server may have made the branch (or even the commit) before failing: look before writing.
                var head = await rest.FindBranchHeadAsync(Branch, ct);
                if (head is not null)
                {
                    await AdoptBranchAsync(head, baseBranch, ct);
                    return;
                }
            }

            var baseHead = await rest.GetBranchHeadAsync(baseBranch, ct);
            var commit = await rest.CommitFilesAsync(baseHead, request.Files, content.CommitMessage, ct);
            if (!await rest.TryCreateBranchAsync(Branch, commit, ct))
            {
                // Someone (an earlier attempt whose answer was lost) created it meanwhile.
                var head = await rest.FindBranchHeadAsync(Branch, ct) ?? throw policy.Permanent($"GitHub says branch {Branch} exists but it cannot be read.");
                await AdoptBranchAsync(head, baseBranch, ct);
            }
        }

        /// <summary>Accepts an existing branch whose head is this provision's commit, or an empty branch an earlier attempt made (then adds the commit).</summary>
        private async Task AdoptBranchAsync(string head, string baseBranch, CancellationToken ct)
        {
            if (PullRequestContent.IsOurCommit(await rest.GetCommitMessageAsync(head, ct), request.ProvisionId))
            {
                return;
            }

            var baseHead = await rest.GetBranchHeadAsync(baseBranch, ct);
            if (head != baseHead)
            {
                throw policy.Permanent(
                    $"Branch {Branch} already exists in {settings.Owner}/{settings.Repository} with commits Provisioner did not make; delete the branch or start a new provision.");
            }

            var commit = await rest.CommitFilesAsync(head, request.Files, content.CommitMessage, ct);
            await rest.FastForwardBranchAsync(Branch, commit, ct);
        }

        private async Task<(int Number, string Url, string Via)> EnsurePullRequestAsync(string baseBranch, bool branchExisted, CancellationToken ct)
        {
            if (branchExisted && await rest.FindOpenPullRequestAsync(Branch, ct) is { } existing)
            {
                return (existing.Number, existing.HtmlUrl, Mcp is null ? "rest" : "mcp");
            }

            if (Mcp is not null)
            {
                var text = await Mcp.TryCallAsync("create_pull_request", new()
                {
                    ["owner"] = settings.Owner, ["repo"] = settings.Repository, ["title"] = content.Title, ["head"] = Branch,
                    ["base"] = baseBranch, ["body"] = content.Body, ["draft"] = false,
                }, ct);
                if (McpResults.PullRequest(text) is { } opened)
                {
                    return (opened.Number, opened.Url, "mcp");
                }

                Mcp = null;
                if (await rest.FindOpenPullRequestAsync(Branch, ct) is { } madeByMcp)
                {
                    return (madeByMcp.Number, madeByMcp.HtmlUrl, "rest");
                }
            }

            var pr = await rest.CreatePullRequestAsync(Branch, baseBranch, content.Title, content.Body, ct);
            return (pr.Number, pr.HtmlUrl, "rest");
        }

        private async Task RequestReviewAsync(int number, CancellationToken ct)
        {
            if (Mcp is not null && Mcp.Accepts("update_pull_request", "reviewers"))
            {
                var done = await Mcp.TryCallAsync("update_pull_request", new()
                {
                    ["owner"] = settings.Owner, ["repo"] = settings.Repository, ["pullNumber"] = number,
                    ["reviewers"] = new[] { $"{settings.Owner}/{settings.DevOpsTeamSlug}" },
                }, ct);
                if (done is not null)
                {
                    return;
                }
            }

            Mcp = null;
            await rest.RequestTeamReviewAsync(number, ct);
        }

        private async Task LabelAsync(int number, CancellationToken ct)
        {
            if (Mcp is not null)
            {
                var labels = content.Labels.ToArray();
                var done = Mcp.Has("issue_write")
                    ? await Mcp.TryCallAsync("issue_write", new()
                    {
                        ["method"] = "update", ["owner"] = settings.Owner, ["repo"] = settings.Repository, ["issue_number"] = number, ["labels"] = labels,
                    }, ct)
                    : await Mcp.TryCallAsync("update_issue", new()
                    {
                        ["owner"] = settings.Owner, ["repo"] = settings.Repository, ["issue_number"] = number, ["labels"] = labels,
                    }, ct);
                if (done is not null)
                {
                    return;
                }
            }

            Mcp = null;
            await rest.AddLabelsAsync(number, content.Labels, ct);
        }
    }
}
