using Provisioner.Simulators.Jenkins.Model;

namespace Provisioner.Simulators.Jenkins.Builds;

/// <summary>
/// What a build does once it has an executor. The default, <see cref="ScriptedBuildExecutor"/>, follows
/// the build's <see cref="BuildScript"/>; a host plugs in its own (e.g. one that deploys the site the
/// job's repository describes) and may delegate pacing and outcome to the scripted one.
/// </summary>
public interface IBuildExecutor
{
    /// <summary>
    /// Runs the build and returns its result. <paramref name="cancellationToken"/> is cancelled when
    /// someone stops the build (<c>POST …/N/stop</c>) or the simulator shuts down; the build then ends ABORTED.
    /// </summary>
    Task<BuildResult> ExecuteAsync(BuildExecution execution, CancellationToken cancellationToken);
}

/// <summary>One build, as an executor sees it.</summary>
/// <param name="JobFullName">The job's full name, e.g. <c>provisioned-sites/shop-example-com</c>.</param>
/// <param name="Job">What the job's config.xml says: SCM URL, branch, script path, declared parameters.</param>
/// <param name="Number">The build's number.</param>
/// <param name="StartedAt">When the build started on the simulator's clock (pace against it, not against when the executor got to run).</param>
/// <param name="Parameters">The build's parameter values (every declared parameter, given or defaulted).</param>
/// <param name="Console">The build's console log; what is written shows in <c>consoleText</c> at once.</param>
/// <param name="Script">The script the simulator picked for this build (its pacing and outcome).</param>
/// <param name="Time">The simulator's clock, for waiting.</param>
public sealed record BuildExecution(
    string JobFullName,
    JobConfiguration Job,
    int Number,
    DateTimeOffset StartedAt,
    IReadOnlyDictionary<string, string> Parameters,
    TextWriter Console,
    BuildScript Script,
    TimeProvider Time);
