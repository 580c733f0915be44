using k8s.Models;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Kubernetes.Rollout;

/// <summary>
/// Judges one read of a Deployment with <c>kubectl rollout status</c>'s rules and words: the spec
/// must be observed, every replica updated, no old replica left and every updated one available;
/// a Progressing condition with reason ProgressDeadlineExceeded fails at once.
/// </summary>
internal static class RolloutJudge
{
    public const string TimedOutReason = "ProgressDeadlineExceeded";

    public static RolloutStatus Judge(V1Deployment deployment)
    {
        var name = deployment.Metadata?.Name ?? string.Empty;
        var status = deployment.Status ?? new V1DeploymentStatus();
        var paused = deployment.Spec?.Paused == true
            ? $" The Deployment is paused: resume it with kubectl rollout resume deployment/{name} -n {deployment.Metadata?.NamespaceProperty}."
            : string.Empty;
        if ((deployment.Metadata?.Generation ?? 0) > (status.ObservedGeneration ?? 0))
        {
            return new RolloutStatus(RolloutState.Progressing, "Waiting for deployment spec update to be observed..." + paused);
        }

        if (status.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: TimedOutReason } timedOut)
        {
            return new RolloutStatus(RolloutState.Failed, $"deployment \"{name}\" exceeded its progress deadline ({timedOut.Message})");
        }

        var desired = deployment.Spec?.Replicas;
        var updated = status.UpdatedReplicas ?? 0;
        if (desired is { } wanted && updated < wanted)
        {
            return new RolloutStatus(RolloutState.Progressing, $"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {wanted} new replicas have been updated..." + paused);
        }

        var replicas = status.Replicas ?? 0;
        if (replicas > updated)
        {
            return new RolloutStatus(RolloutState.Progressing, $"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination..." + paused);
        }

        var available = status.AvailableReplicas ?? 0;
        if (available < updated)
        {
            return new RolloutStatus(RolloutState.Progressing, $"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available..." + paused);
        }

        return new RolloutStatus(RolloutState.Complete, $"deployment \"{name}\" successfully rolled out");
    }
}
