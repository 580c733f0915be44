using Provisioner.Simulators.Jenkins.Builds;

namespace Provisioner.Simulators.Jenkins.Model;

/// <summary>Where a queue item is (the Jenkins <c>Queue.Item</c> subclasses).</summary>
public enum QueueItemState
{
    /// <summary>In its quiet period (<c>Queue$WaitingItem</c>).</summary>
    Waiting,

    /// <summary>Waiting for an executor (<c>Queue$BuildableItem</c>).</summary>
    Buildable,

    /// <summary>Left the queue: started, or cancelled (<c>Queue$LeftItem</c>); readable for a while, then forgotten.</summary>
    Left,
}

/// <summary>A queued build request. Read it under <see cref="State.JenkinsState.Sync"/>.</summary>
public sealed class QueueItem
{
    internal QueueItem(long id, SimulatedJob job, IReadOnlyList<BuildParameter> parameters, string requestedBy, DateTimeOffset inQueueSince, DateTimeOffset quietUntil, BuildScript script)
    {
        Id = id;
        Job = job;
        Parameters = parameters;
        RequestedBy = requestedBy;
        InQueueSince = inQueueSince;
        QuietUntil = quietUntil;
        Script = script;
    }

    /// <summary>Its id (also the build's <c>queueId</c>).</summary>
    public long Id { get; }

    /// <summary>The job to build.</summary>
    public SimulatedJob Job { get; }

    /// <summary>The parameter values the build will get.</summary>
    public IReadOnlyList<BuildParameter> Parameters { get; }

    /// <summary>The user who asked for it.</summary>
    public string RequestedBy { get; }

    /// <summary>How many identical requests were folded into it (Jenkins counts causes).</summary>
    public int RequestCount { get; internal set; } = 1;

    /// <summary>When it was queued.</summary>
    public DateTimeOffset InQueueSince { get; }

    /// <summary>When its quiet period ends.</summary>
    public DateTimeOffset QuietUntil { get; }

    /// <summary>The script its build will follow.</summary>
    public BuildScript Script { get; }

    /// <summary>Where it is.</summary>
    public QueueItemState State { get; internal set; } = QueueItemState.Waiting;

    /// <summary>When it became buildable.</summary>
    public DateTimeOffset? BuildableSince { get; internal set; }

    /// <summary>When its scripted queue wait ends.</summary>
    public DateTimeOffset? ReadyAt { get; internal set; }

    /// <summary>When it left the queue.</summary>
    public DateTimeOffset? LeftAt { get; internal set; }

    /// <summary>True when it left the queue without starting.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>The build it became, once started.</summary>
    public SimulatedBuild? Build { get; internal set; }

    /// <summary>Its path under the root, e.g. <c>queue/item/5/</c>.</summary>
    public string RelativeUrl => "queue/item/" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";
}
