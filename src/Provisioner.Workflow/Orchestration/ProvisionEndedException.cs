using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// Thrown by a step that ended the provision before the last step (rejected, expired, failed,
/// cancelled), carrying the progress it recorded; the orchestrator returns that progress.
/// </summary>
internal sealed class ProvisionEndedException(ProvisionProgress progress)
    : Exception($"Provision {progress.ProvisionId} ended {progress.Status}.")
{
    /// <summary>The provision's final progress.</summary>
    public ProvisionProgress Progress { get; } = progress;
}
