using System.Collections.Concurrent;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Api.Tests.TestDoubles;

/// <summary>A source control double that records calls and can fail the first N of them.</summary>
internal sealed class ScriptedSourceControl : ISourceControl
{
    private readonly ConcurrentQueue<Exception> failures = new();

    public ConcurrentBag<ProvisionPullRequest> Requests { get; } = [];

    /// <summary>What GitHub says of the pull request; tests merge or close it as a reviewer would.</summary>
    public PullRequestStatus Status { get; private set; } = new(42, PullRequestState.Open, null, null);

    public int StatusLooks;

    public void Merge(string sha = "6dcb09b5b57875f334f61aebed695e2e4193db5e", string by = "devops-alice") =>
        Status = new PullRequestStatus(42, PullRequestState.Merged, sha, by);

    public void Close() => Status = new PullRequestStatus(42, PullRequestState.ClosedUnmerged, null, null);

    public ConcurrentBag<(int Number, string Reason)> Closed { get; } = [];

    public Task ClosePullRequestAsync(int number, string reason, CancellationToken cancellationToken)
    {
        Closed.Add((number, reason));
        if (Status.State == PullRequestState.Open)
        {
            Close();
        }

        return Task.CompletedTask;
    }

    /// <summary>The one pull request this double knows is the provision's while GitHub says it is open.</summary>
    public Task<int?> FindOpenPullRequestAsync(string provisionId, CancellationToken cancellationToken) =>
        Task.FromResult<int?>(Requests.Any(r => r.ProvisionId == provisionId) && Status.State == PullRequestState.Open ? Status.Number : null);

    public Task<PullRequestStatus> GetPullRequestAsync(int number, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref StatusLooks);
        return Task.FromResult(Status with { Number = number });
    }

    public int Calls => Requests.Count;

    public void FailNext(int times, Func<Exception> failure)
    {
        for (var i = 0; i < times; i++)
        {
            failures.Enqueue(failure());
        }
    }

    public Task<PullRequestRef> OpenPullRequestAsync(ProvisionPullRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        if (failures.TryDequeue(out var failure))
        {
            throw failure;
        }

        return Task.FromResult(new PullRequestRef(
            42, $"https://github.example/sites/pull/42?{request.ProvisionId}", ProvisionBranch.For(request.ProvisionId), "rest",
            new SourceRepository("https://github.example/contoso/sites.git", "main")));
    }
}
