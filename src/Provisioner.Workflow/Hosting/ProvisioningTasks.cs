using System.Reflection;
using Microsoft.DurableTask;
using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Workflow.Hosting;

/// <summary>
/// The workflow's durable tasks, each declared once by its class (whose <see cref="DurableTaskAttribute"/>
/// names it). Registration with a durable worker, and the check that the Functions app binds every
/// task, both read this list.
/// </summary>
public static class ProvisioningTasks
{
    /// <summary>Every orchestrator.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(ProvisionOrchestrator),
        typeof(DomainLockOrchestrator),
        typeof(PullRequestClosedDelivery),
    ];

    /// <summary>Every activity.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(OpenPullRequestActivity),
        typeof(GetPullRequestStatusActivity),
        typeof(ClosePullRequestActivity),
        typeof(EnsureBuildJobActivity),
        typeof(TriggerBuildActivity),
        typeof(GetBuildProgressActivity),
        typeof(GetRolloutStatusActivity),
        typeof(DescribeRolloutActivity),
        typeof(ApplyIngressActivity),
        typeof(GetIngressAddressActivity),
        typeof(ProbeLiveSiteActivity),
    ];

    /// <summary>The name the durable engine knows a task by, from its <see cref="DurableTaskAttribute"/>.</summary>
    public static string NameOf(Type task) =>
        task.GetCustomAttribute<DurableTaskAttribute>()?.Name.Name
        ?? throw new ArgumentException($"{task.Name} has no [DurableTask] attribute naming it.", nameof(task));

    /// <summary>Adds every orchestrator and activity under its declared name.</summary>
    public static DurableTaskRegistry AddProvisioningTasks(this DurableTaskRegistry registry)
    {
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }

        return registry;
    }
}
