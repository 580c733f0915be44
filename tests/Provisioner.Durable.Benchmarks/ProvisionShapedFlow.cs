using Microsoft.DurableTask;

namespace Provisioner.Durable.Benchmarks;

/// <summary>
/// An orchestration shaped like a provision, with activities that do no I/O so the engine is what is
/// measured: open (an activity), report "waiting" (custom status, then an activity that counts it),
/// wait for the merge event, then build, deploy and apply with a short durable timer between each.
/// </summary>
internal sealed class ProvisionShapedFlow
{
    public const string Name = "ProvisionShaped";
    public const string MergedEvent = "Merged";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private int waiting;
    private int ended;

    /// <summary>How many instances reached the event wait.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>How many instances ran their last activity.</summary>
    public int Ended => Volatile.Read(ref ended);

    public void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<string, string>(Name, async (context, domain) =>
        {
            var pullRequest = await context.CallActivityAsync<string>("OpenPullRequest", domain);
            context.SetCustomStatus("AwaitingApproval");
            await context.CallActivityAsync("ReportWaiting");
            await context.WaitForExternalEvent<string>(MergedEvent);
            context.SetCustomStatus("Building");
            await context.CallActivityAsync("TriggerBuild", pullRequest);
            await context.CreateTimer(context.CurrentUtcDateTime + Poll, CancellationToken.None);
            await context.CallActivityAsync("CheckRollout", pullRequest);
            await context.CreateTimer(context.CurrentUtcDateTime + Poll, CancellationToken.None);
            await context.CallActivityAsync("ApplyIngress", pullRequest);
            return "https://" + domain;
        });
        registry.AddActivityFunc<string, string>("OpenPullRequest", (_, domain) => "pr-" + domain);
        registry.AddActivityFunc("ReportWaiting", (TaskActivityContext _) => Interlocked.Increment(ref waiting));
        registry.AddActivityFunc<string, string>("TriggerBuild", (_, pr) => pr);
        registry.AddActivityFunc<string, string>("CheckRollout", (_, pr) => pr);
        registry.AddActivityFunc<string, int>("ApplyIngress", (_, _) => Interlocked.Increment(ref ended));
    }
}
