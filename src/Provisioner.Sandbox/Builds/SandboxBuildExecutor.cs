using Provisioner.Simulators.Jenkins.Builds;

namespace Provisioner.Sandbox.Builds;

/// <summary>The sandbox's Jenkins executor: every build runs the site's Jenkinsfile stages in spirit (<see cref="SitePipeline"/>).</summary>
internal sealed class SandboxBuildExecutor(SandboxBuildSettings settings) : IBuildExecutor
{
    public Task<BuildResult> ExecuteAsync(BuildExecution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        return new SitePipeline(execution, settings, cancellationToken).RunAsync();
    }
}
