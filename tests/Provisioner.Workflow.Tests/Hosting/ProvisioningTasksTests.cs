using Microsoft.DurableTask;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Workflow.Tests.Hosting;

/// <summary>The one list of durable tasks: every task of the workflow is on it, once, under the name its class declares.</summary>
public sealed class ProvisioningTasksTests
{
    private static readonly IReadOnlyList<Type> Declared = [.. ProvisioningTasks.Orchestrators, .. ProvisioningTasks.Activities];

    [Fact]
    public void Every_orchestrator_and_activity_class_of_the_workflow_is_declared()
    {
        var tasks = typeof(ProvisioningTasks).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && (typeof(ITaskOrchestrator).IsAssignableFrom(t) || typeof(ITaskActivity).IsAssignableFrom(t)));

        Assert.Equal(tasks.OrderBy(t => t.Name), Declared.OrderBy(t => t.Name));
        Assert.All(ProvisioningTasks.Orchestrators, t => Assert.True(typeof(ITaskOrchestrator).IsAssignableFrom(t), t.Name));
        Assert.All(ProvisioningTasks.Activities, t => Assert.True(typeof(ITaskActivity).IsAssignableFrom(t), t.Name));
    }

    [Fact]
    public void Each_task_is_named_by_its_attribute_with_the_constant_the_calls_use_and_no_two_share_a_name()
    {
        Assert.All(Declared, task =>
            Assert.Equal((string)task.GetField("Name")!.GetRawConstantValue()!, ProvisioningTasks.NameOf(task)));
        Assert.Equal(Declared.Count, Declared.Select(ProvisioningTasks.NameOf).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_class_without_its_attribute_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => ProvisioningTasks.NameOf(typeof(ProvisioningTasksTests)));
        Assert.Contains("[DurableTask]", error.Message, StringComparison.Ordinal);
    }
}
