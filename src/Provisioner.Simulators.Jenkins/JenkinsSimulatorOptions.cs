using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Simulators.Jenkins;

/// <summary>How a <see cref="JenkinsSimulator"/> behaves. Most changes apply to the next request.</summary>
public sealed class JenkinsSimulatorOptions
{
    /// <summary>The version in the <c>X-Jenkins</c> header.</summary>
    public string Version { get; set; } = "2.479.3";

    /// <summary>The users that may sign in; by default one, <c>provisioner</c>, with every permission.</summary>
    public List<JenkinsUser> Users { get; } = [new("provisioner", "provisioner-password", "sim-jenkins-token")];

    /// <summary>Whether CSRF protection is on (a crumb issuer at <c>/crumbIssuer/api/json</c>); off, that path is 404 and no POST needs a crumb.</summary>
    public bool CrumbIssuer { get; set; } = true;

    /// <summary>Whether POSTs authenticated with an API token need a crumb too, as before Jenkins 2.96 or when hardened.</summary>
    public bool ApiTokenPostsNeedCrumb { get; set; }

    /// <summary>How long a queue item stays readable after it left the queue (Jenkins: 5 minutes).</summary>
    public TimeSpan QueueItemRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The quiet period of builds queued without <c>delay=</c> (Jenkins' global default is 5 s; here 0 so builds start at once).</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.Zero;

    /// <summary>How many builds run at once (the built-in node's executors).</summary>
    public int Executors { get; set; } = 2;

    /// <summary>The clock of quiet periods, queue waits, build durations and queue retention.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>What a build does; by default it follows its script.</summary>
    public IBuildExecutor Executor { get; set; } = ScriptedBuildExecutor.Instance;

    /// <summary>The scripts builds follow (per job, per parameter value, default).</summary>
    public BuildScripts Scripts { get; } = new();

    /// <summary>The user with this id, or null.</summary>
    public JenkinsUser? FindUser(string id) => Users.FirstOrDefault(u => string.Equals(u.Id, id, StringComparison.OrdinalIgnoreCase));
}
