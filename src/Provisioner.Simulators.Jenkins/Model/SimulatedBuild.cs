using Provisioner.Simulators.Jenkins.Builds;

namespace Provisioner.Simulators.Jenkins.Model;

/// <summary>A build (a Jenkins <c>Run</c>). Read it under <see cref="State.JenkinsState.Sync"/>; its console may be read at any time.</summary>
public sealed class SimulatedBuild
{
    internal SimulatedBuild(SimulatedJob job, int number, long queueId, IReadOnlyList<BuildParameter> parameters, string startedBy, DateTimeOffset timestamp, BuildScript script)
    {
        Job = job;
        Number = number;
        QueueId = queueId;
        Parameters = parameters;
        StartedBy = startedBy;
        Timestamp = timestamp;
        Script = script;
    }

    /// <summary>The job it builds.</summary>
    public SimulatedJob Job { get; }

    /// <summary>Its number within the job.</summary>
    public int Number { get; }

    /// <summary>The id of the queue item it came from.</summary>
    public long QueueId { get; }

    /// <summary>Its parameter values.</summary>
    public IReadOnlyList<BuildParameter> Parameters { get; }

    /// <summary>The user whose request queued it.</summary>
    public string StartedBy { get; }

    /// <summary>When it started.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The script it follows.</summary>
    public BuildScript Script { get; }

    /// <summary>True while it runs.</summary>
    public bool Building { get; internal set; } = true;

    /// <summary>Its result once finished.</summary>
    public BuildResult? Result { get; internal set; }

    /// <summary>How long it ran (zero while it runs, as Jenkins reports).</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>Who stopped it, if someone did.</summary>
    public string? AbortedBy { get; internal set; }

    /// <summary>Its console log so far.</summary>
    public string ConsoleText => Console.Text;

    /// <summary>Its path under the root, e.g. <c>job/f/job/j/3/</c>.</summary>
    public string RelativeUrl => Job.RelativeUrl + Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/";

    internal BuildConsole Console { get; } = new();

    internal CancellationTokenSource Abort { get; } = new();

    /// <summary>The value of one parameter, or null.</summary>
    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name)?.Value;
}
