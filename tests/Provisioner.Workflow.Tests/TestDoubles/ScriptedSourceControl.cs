using System.Collections.Concurrent;
using Provisioner.Workflow.Integrations.SourceControl;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Tests.TestDoubles;

/// <summary>A source control double that records calls and can fail the first N of them.</summary>
internal sealed class ScriptedSourceControl : ISourceControl
{
    private readonly ConcurrentQueue<Exception> failures = new();

    public ConcurrentBag<ProvisionPullRequest> Requests { get; } = [];

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
            42, $"https://github.example/sites/pull/42?{request.ProvisionId}", ProvisionBranch.For(request.ProvisionId), "rest"));
    }
}
