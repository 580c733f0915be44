namespace Provisioner.Simulators.Jenkins.Model;

/// <summary>A folder or job. Read it under <see cref="State.JenkinsState.Sync"/>.</summary>
public abstract class SimulatedItem
{
    private protected SimulatedItem(string name, SimulatedFolder? parent, string configXml)
    {
        Name = name;
        Parent = parent;
        ConfigXml = configXml;
    }

    /// <summary>The item's name within its folder.</summary>
    public string Name { get; }

    /// <summary>The folder holding it; null for the root.</summary>
    public SimulatedFolder? Parent { get; }

    /// <summary>What kind of item it is.</summary>
    public abstract ItemKind Kind { get; }

    /// <summary>Its <c>config.xml</c> as <c>GET config.xml</c> serves it.</summary>
    public string ConfigXml { get; internal set; }

    /// <summary>How many times its <c>config.xml</c> was replaced after creation.</summary>
    public int ConfigUpdates { get; internal set; }

    /// <summary>The full name, folders included, e.g. <c>provisioned-sites/shop-example-com</c>; empty for the root.</summary>
    public string FullName => Parent is null || Parent.Parent is null ? Name : Parent.FullName + "/" + Name;

    /// <summary>The full display name Jenkins shows, folders joined with <c> » </c>.</summary>
    public string FullDisplayName => Parent is null || Parent.Parent is null ? Name : Parent.FullDisplayName + " » " + Name;

    /// <summary>Its path under the root, e.g. <c>job/provisioned-sites/job/shop-example-com/</c>; empty for the root.</summary>
    public string RelativeUrl => Parent is null ? string.Empty : Parent.RelativeUrl + "job/" + Uri.EscapeDataString(Name) + "/";
}

/// <summary>A folder (or the Jenkins root): items by name, compared without case as Jenkins does.</summary>
public sealed class SimulatedFolder : SimulatedItem
{
    internal SimulatedFolder(string name, SimulatedFolder? parent, string configXml)
        : base(name, parent, configXml)
    {
    }

    /// <inheritdoc/>
    public override ItemKind Kind => ItemKind.Folder;

    /// <summary>The items in this folder, by name.</summary>
    public IReadOnlyDictionary<string, SimulatedItem> Items => Children;

    internal Dictionary<string, SimulatedItem> Children { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A Pipeline or freestyle job and its builds.</summary>
public sealed class SimulatedJob : SimulatedItem
{
    internal SimulatedJob(string name, SimulatedFolder parent, string configXml, JobConfiguration configuration)
        : base(name, parent, configXml) => Configuration = configuration;

    /// <inheritdoc/>
    public override ItemKind Kind => Configuration.Kind;

    /// <summary>What its config says.</summary>
    public JobConfiguration Configuration { get; internal set; }

    /// <summary>Its builds, newest first.</summary>
    public IReadOnlyList<SimulatedBuild> Builds => BuildsNewestFirst;

    /// <summary>The number the next build gets.</summary>
    public int NextBuildNumber { get; internal set; } = 1;

    internal List<SimulatedBuild> BuildsNewestFirst { get; } = [];
}
