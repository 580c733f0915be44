using System.Collections.Concurrent;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Model;

namespace Provisioner.Api.Tests.TestDoubles;

/// <summary>A CI double: the build passes through the looks it is given (queued, running, then the last one forever).</summary>
internal sealed class ScriptedBuildServer : IBuildServer
{
    private readonly ConcurrentQueue<BuildProgress> looks = new();
    private BuildProgress last = new(BuildState.Finished, 7, "https://jenkins.example/job/sites/job/x/7/", "SUCCESS", null);

    public ConcurrentBag<IReadOnlyDictionary<string, string>> Triggered { get; } = [];

    public int EnsureCalls;

    public Exception? EnsureFailure { get; set; }

    public void Script(params BuildProgress[] progress)
    {
        foreach (var p in progress)
        {
            looks.Enqueue(p);
        }

        last = progress[^1];
    }

    public ConcurrentBag<BuildJobSpec> Specs { get; } = [];

    public Task<BuildJobRef> EnsureJobAsync(BuildJobSpec spec, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref EnsureCalls);
        if (EnsureFailure is { } failure)
        {
            throw failure;
        }

        Specs.Add(spec);
        var site = spec.Site;
        return Task.FromResult(new BuildJobRef("sites/" + site.AppName, $"https://jenkins.example/job/sites/job/{site.AppName}/"));
    }

    public Task<QueuedBuild> TriggerBuildAsync(string provisionId, BuildJobRef job, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        Triggered.Add(parameters);
        return Task.FromResult(new QueuedBuild(job, 17, "https://jenkins.example/queue/item/17/", provisionId));
    }

    public Task<BuildProgress> GetBuildProgressAsync(QueuedBuild build, CancellationToken cancellationToken) =>
        Task.FromResult(looks.TryDequeue(out var next) ? next : last);

    public static BuildProgress Queued() => new(BuildState.Queued, null, null, null, "Waiting for next available executor");

    public static BuildProgress Running() => new(BuildState.Running, 7, "https://jenkins.example/job/sites/job/x/7/", null, null);

    public static BuildProgress Finished(string result) => new(BuildState.Finished, 7, "https://jenkins.example/job/sites/job/x/7/", result, null);
}
