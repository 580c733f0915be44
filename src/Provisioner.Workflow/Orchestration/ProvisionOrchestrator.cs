using Microsoft.DurableTask;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>
/// The provisioning pipeline, top to bottom: render the template and open the pull request, wait
/// for the merge, build with Jenkins, wait for the rollout, apply the Ingress, probe the site
/// through it and report the live URL. Each step is a method of <see cref="ProvisionRun"/>; a
/// cancel is handled at any step.
/// </summary>
[DurableTask(Name)]
public sealed class ProvisionOrchestrator : TaskOrchestrator<ProvisionInput, ProvisionProgress>
{
    /// <summary>The name the durable engine knows this orchestrator by.</summary>
    public const string Name = "Provision";

    /// <inheritdoc/>
    public override async Task<ProvisionProgress> RunAsync(TaskOrchestrationContext context, ProvisionInput input)
    {
        var run = new ProvisionRun(context, input);
        try
        {
            var pullRequest = await run.OpenPullRequestAsync();
            var merge = await run.AwaitMergeAsync(pullRequest);
            await run.BuildAsync(pullRequest, merge);
            await run.RollOutAsync();
            return await run.ConfigureIngressAsync();
        }
        catch (ProvisionEndedException ended)
        {
            return ended.Progress;
        }
    }
}
