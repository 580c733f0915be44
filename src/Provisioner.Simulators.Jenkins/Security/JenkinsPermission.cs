namespace Provisioner.Simulators.Jenkins.Security;

/// <summary>A Jenkins permission the simulator checks, with the id and title Jenkins reports when it is missing.</summary>
/// <param name="Id">The permission's id, e.g. <c>hudson.model.Item.Build</c> (sent as <c>X-Required-Permission</c>).</param>
/// <param name="Title">Its group and name, e.g. <c>Job/Build</c>, as in "user is missing the Job/Build permission".</param>
public sealed record JenkinsPermission(string Id, string Title)
{
    /// <summary>Overall/Read: see Jenkins at all.</summary>
    public static JenkinsPermission OverallRead { get; } = new("hudson.model.Hudson.Read", "Overall/Read");

    /// <summary>Job/Create: create items (folders and jobs).</summary>
    public static JenkinsPermission ItemCreate { get; } = new("hudson.model.Item.Create", "Job/Create");

    /// <summary>Job/Configure: replace an item's config.xml.</summary>
    public static JenkinsPermission ItemConfigure { get; } = new("hudson.model.Item.Configure", "Job/Configure");

    /// <summary>Job/Build: queue and stop builds.</summary>
    public static JenkinsPermission ItemBuild { get; } = new("hudson.model.Item.Build", "Job/Build");

    /// <summary>Job/Cancel: cancel queue items and stop builds.</summary>
    public static JenkinsPermission ItemCancel { get; } = new("hudson.model.Item.Cancel", "Job/Cancel");

    /// <summary>Job/Delete: delete items.</summary>
    public static JenkinsPermission ItemDelete { get; } = new("hudson.model.Item.Delete", "Job/Delete");

    /// <summary>Job/ExtendedRead: read an item's config.xml.</summary>
    public static JenkinsPermission ItemExtendedRead { get; } = new("hudson.model.Item.ExtendedRead", "Job/ExtendedRead");

    /// <summary>Every permission above.</summary>
    public static IReadOnlyList<JenkinsPermission> All { get; } = [OverallRead, ItemCreate, ItemConfigure, ItemBuild, ItemCancel, ItemDelete, ItemExtendedRead];
}
