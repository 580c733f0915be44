using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Provisioner.Simulators.Jenkins.Api;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Simulators.Jenkins.Model;

namespace Provisioner.Simulators.Jenkins.State;

/// <summary>
/// Everything the simulator holds: the item tree (folders, jobs), the queue and the builds. Every
/// endpoint works on this one instance under <see cref="Sync"/>; time moves items through the queue
/// (quiet period, executor wait, start, retention) as the simulator's clock says.
/// </summary>
public sealed class JenkinsState
{
    private const string UnsafeCharacters = "?*/\\%!@#$^&|<>[]:;";
    private readonly JenkinsSimulatorOptions options;
    private readonly SortedDictionary<long, QueueItem> queue = [];
    private readonly Dictionary<long, QueueItem> left = [];
    private long nextQueueId = 1;
    private int runningBuilds;

    internal JenkinsState(JenkinsSimulatorOptions options)
    {
        this.options = options;
        Root = new SimulatedFolder(string.Empty, null, string.Empty);
    }

    /// <summary>The lock every reader and writer holds.</summary>
    public object Sync { get; } = new();

    /// <summary>The Jenkins root, holding top-level items.</summary>
    public SimulatedFolder Root { get; }

    /// <summary>The items waiting in the queue (not those that left it), oldest first.</summary>
    public IReadOnlyList<QueueItem> Queue
    {
        get
        {
            lock (Sync)
            {
                return [.. queue.Values];
            }
        }
    }

    /// <summary>The simulator's clock.</summary>
    internal TimeProvider Time => options.TimeProvider;

    /// <summary>Raised (outside the lock) whenever the queue may have work to start.</summary>
    internal event Action? Changed;

    /// <summary>The item with this full name (e.g. <c>provisioned-sites/shop-example-com</c>), or null.</summary>
    public SimulatedItem? FindItem(string fullName)
    {
        lock (Sync)
        {
            SimulatedItem current = Root;
            foreach (var name in fullName.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (current is not SimulatedFolder folder || !folder.Children.TryGetValue(name, out var child))
                {
                    return null;
                }

                current = child;
            }

            return current;
        }
    }

    /// <summary>The job with this full name, or null.</summary>
    public SimulatedJob? FindJob(string fullName) => FindItem(fullName) as SimulatedJob;

    /// <summary>The queue item with this id, while Jenkins still knows it (waiting, or left less than the retention ago).</summary>
    public QueueItem? FindQueueItem(long id)
    {
        lock (Sync)
        {
            return queue.GetValueOrDefault(id) ?? left.GetValueOrDefault(id);
        }
    }

    /// <summary>Creates a folder (and its parents) as <c>createItem</c> would; an existing folder is returned as is.</summary>
    public SimulatedFolder SeedFolder(string fullName)
    {
        lock (Sync)
        {
            var current = Root;
            foreach (var name in fullName.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                current = current.Children.TryGetValue(name, out var existing)
                    ? existing as SimulatedFolder ?? throw new InvalidOperationException($"{existing.FullName} is not a folder.")
                    : (SimulatedFolder)CreateItem(current, name, () => ConfigXml.Parse(FolderConfig));
            }

            return current;
        }
    }

    /// <summary>Creates a job from its config.xml as <c>createItem</c> would (its folders must exist).</summary>
    public SimulatedJob SeedJob(string fullName, string configXml)
    {
        lock (Sync)
        {
            var slash = fullName.LastIndexOf('/');
            var parent = slash < 0 ? Root : FindItem(fullName[..slash]) as SimulatedFolder ?? throw new InvalidOperationException($"No folder {fullName[..slash]}.");
            return CreateItem(parent, fullName[(slash + 1)..], () => ConfigXml.Parse(configXml)) as SimulatedJob
                ?? throw new InvalidOperationException("The config is not a job's.");
        }
    }

    internal const string FolderConfig =
        "<com.cloudbees.hudson.plugins.folder.Folder><description/><properties/><folderViews/><healthMetrics/></com.cloudbees.hudson.plugins.folder.Folder>";

    /// <summary><c>ItemGroupMixIn.createTopLevelItem</c>: checks the name, refuses a duplicate, then reads the config.</summary>
    internal SimulatedItem CreateItem(SimulatedFolder parent, string name, Func<XDocument> readConfig)
    {
        name = CheckGoodName(name);
        if (parent.Children.ContainsKey(name))
        {
            throw JenkinsError.Failure($"A job already exists with the name ‘{name}’");
        }

        var config = readConfig();
        var kind = ConfigXml.KindOf(config) ?? throw UnreadableConfig(config);
        SimulatedItem item = kind == ItemKind.Folder
            ? new SimulatedFolder(name, parent, ConfigXml.Normalize(config))
            : new SimulatedJob(name, parent, ConfigXml.Normalize(config), ConfigXml.ReadJob(config, kind));
        parent.Children[name] = item;
        return item;
    }

    /// <summary><c>AbstractItem.updateByXml</c>: the new config must describe the same kind of item.</summary>
    internal void UpdateConfig(SimulatedItem item, XDocument config)
    {
        var kind = ConfigXml.KindOf(config) ?? throw UnreadableConfig(config);
        if (kind != item.Kind)
        {
            throw JenkinsError.Page(500, $"java.io.IOException: Expecting class {ClassOf(item.Kind)} but got class {ClassOf(kind)} instead");
        }

        item.ConfigXml = ConfigXml.Normalize(config);
        item.ConfigUpdates++;
        if (item is SimulatedJob job)
        {
            job.Configuration = ConfigXml.ReadJob(config, kind);
        }
    }

    /// <summary>Deletes an item: its queue items are cancelled and its running builds stopped.</summary>
    internal void Delete(SimulatedItem item, string user)
    {
        foreach (var job in JobsUnder(item))
        {
            foreach (var waiting in queue.Values.Where(q => q.Job == job).ToList())
            {
                Leave(waiting, build: null);
            }

            foreach (var build in job.Builds.Where(b => b.Building))
            {
                Stop(build, user);
            }
        }

        item.Parent!.Children.Remove(item.Name);
    }

    /// <summary>
    /// <c>Queue.schedule2</c>: queues a build, or folds the request into an identical item still
    /// waiting (same job and parameter values), as Jenkins does; <c>Created</c> says which.
    /// </summary>
    internal (QueueItem Item, bool Created) Schedule(SimulatedJob job, IReadOnlyList<BuildParameter> parameters, string user, TimeSpan? delay)
    {
        var existing = queue.Values.FirstOrDefault(q => q.Job == job && q.Parameters.SequenceEqual(parameters));
        if (existing is not null)
        {
            existing.RequestCount++;
            return (existing, false);
        }

        var now = Time.GetUtcNow();
        var values = parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var item = new QueueItem(nextQueueId++, job, parameters, user, now, now + (delay ?? options.QuietPeriod), options.Scripts.Resolve(job.FullName, values));
        queue[item.Id] = item;
        OnChanged();
        return (item, true);
    }

    /// <summary><c>Queue.doCancelItem</c>: 204 when cancelled, 500 when it already left the queue, 404 when unknown.</summary>
    internal int Cancel(long id)
    {
        if (queue.TryGetValue(id, out var item))
        {
            Leave(item, build: null);
            OnChanged();
            return 204;
        }

        return left.ContainsKey(id) ? 500 : 404;
    }

    /// <summary>Stops a running build: its executor's token is cancelled and it ends ABORTED.</summary>
    internal void Stop(SimulatedBuild build, string user)
    {
        if (build.Building && !build.Abort.IsCancellationRequested)
        {
            build.AbortedBy = user;
            build.Abort.Cancel();
        }
    }

    /// <summary>
    /// Moves the queue on to <paramref name="now"/>: quiet periods end, ready items take free
    /// executors (their builds are returned, to be started outside the lock), left items expire.
    /// </summary>
    internal List<SimulatedBuild> Maintain(DateTimeOffset now)
    {
        foreach (var expired in left.Values.Where(q => now - q.LeftAt!.Value >= options.QueueItemRetention).ToList())
        {
            left.Remove(expired.Id);
        }

        foreach (var item in queue.Values.Where(q => q.State == QueueItemState.Waiting && now >= q.QuietUntil))
        {
            item.State = QueueItemState.Buildable;
            item.BuildableSince = now;
            item.ReadyAt = now + item.Script.QueueWait;
        }

        var started = new List<SimulatedBuild>();
        foreach (var item in queue.Values.Where(q => q.State == QueueItemState.Buildable && now >= q.ReadyAt).ToList())
        {
            if (runningBuilds >= options.Executors)
            {
                break;
            }

            var job = item.Job;
            var build = new SimulatedBuild(job, job.NextBuildNumber++, item.Id, item.Parameters, item.RequestedBy, now, item.Script);
            job.BuildsNewestFirst.Insert(0, build);
            runningBuilds++;
            Leave(item, build);
            started.Add(build);
        }

        return started;
    }

    /// <summary>When <see cref="Maintain"/> next has something to do without being woken, or null.</summary>
    internal DateTimeOffset? NextDue(DateTimeOffset now)
    {
        var due = left.Values.Select(q => q.LeftAt!.Value + options.QueueItemRetention)
            .Concat(queue.Values.Where(q => q.State == QueueItemState.Waiting).Select(q => q.QuietUntil))
            .Concat(queue.Values.Where(q => q.State == QueueItemState.Buildable && q.ReadyAt > now).Select(q => q.ReadyAt!.Value))
            .ToList();
        return due.Count == 0 ? null : due.Min();
    }

    /// <summary>Records a build's end and frees its executor.</summary>
    internal void Finish(SimulatedBuild build, BuildResult result, DateTimeOffset now)
    {
        build.Result = result;
        build.Duration = now - build.Timestamp;
        build.Building = false;
        runningBuilds--;
    }

    /// <summary>Why an item waits, in Jenkins' words (<c>Queue.Item.getWhy()</c>).</summary>
    internal string? Why(QueueItem item, DateTimeOffset now) => item.State switch
    {
        QueueItemState.Waiting when item.QuietUntil > now => $"In the quiet period. Expires in {TimeSpanString(item.QuietUntil - now)}",
        QueueItemState.Waiting => "Finished waiting",
        QueueItemState.Buildable => "Waiting for next available executor",
        _ => null,
    };

    internal void OnChanged() => Changed?.Invoke();

    private static IEnumerable<SimulatedJob> JobsUnder(SimulatedItem item) => item switch
    {
        SimulatedJob job => [job],
        SimulatedFolder folder => folder.Children.Values.SelectMany(JobsUnder),
        _ => [],
    };

    private void Leave(QueueItem item, SimulatedBuild? build)
    {
        queue.Remove(item.Id);
        item.State = QueueItemState.Left;
        item.LeftAt = Time.GetUtcNow();
        item.Build = build;
        item.Cancelled = build is null;
        left[item.Id] = item;
    }

    /// <summary><c>Jenkins.checkGoodName</c>.</summary>
    private static string CheckGoodName(string name)
    {
        name = name.Trim();
        if (name.Length == 0)
        {
            throw JenkinsError.Failure("No name is specified");
        }

        if (name is "." or "..")
        {
            throw JenkinsError.Failure($"“{name}” is not an allowed name");
        }

        foreach (var c in name)
        {
            if (char.IsControl(c) || UnsafeCharacters.Contains(c, StringComparison.Ordinal))
            {
                throw JenkinsError.Failure($"‘{c}’ is an unsafe character");
            }
        }

        return name.EndsWith('.') ? throw JenkinsError.Failure("A name cannot end with ‘.’") : name;
    }

    private static JenkinsError UnreadableConfig(XDocument config) =>
        JenkinsError.Page(500, $"java.io.IOException: Unable to read config.xml: no item type is known for <{config.Root?.Name.LocalName}>");

    private static string ClassOf(ItemKind kind) => kind switch
    {
        ItemKind.Folder => "com.cloudbees.hudson.plugins.folder.Folder",
        ItemKind.Pipeline => "org.jenkinsci.plugins.workflow.job.WorkflowJob",
        _ => "hudson.model.FreeStyleProject",
    };

    /// <summary>Jenkins' <c>Util.getTimeSpanString</c>.</summary>
    internal static string TimeSpanString(TimeSpan span)
    {
        if (span.TotalHours >= 1)
        {
            return $"{(int)span.TotalHours} hr {span.Minutes} min";
        }

        if (span.TotalMinutes >= 1)
        {
            return $"{span.Minutes} min {span.Seconds} sec";
        }

        if (span.TotalSeconds >= 10)
        {
            return $"{span.Seconds} sec";
        }

        return span.TotalSeconds >= 1
            ? span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " sec"
            : $"{(int)span.TotalMilliseconds} ms";
    }

    /// <summary>Parses a posted config, turning malformed XML into Jenkins' 500.</summary>
    internal static XDocument ParseConfig(string body)
    {
        try
        {
            return ConfigXml.Parse(body);
        }
        catch (XmlException ex)
        {
            throw JenkinsError.Page(500, "java.io.IOException: Failed to persist config.xml: " + ex.Message);
        }
    }
}
