using Provisioner.Sandbox;
using Provisioner.Workflow.Orchestration;

namespace Provisioner.Local.Sandbox;

/// <summary>
/// How often a provision looks at the sandbox's systems (and others on this machine, <see cref="OnThisMachine"/>):
/// every second or two instead of the production schedule (5 s doubling to a minute), since a sandbox
/// build, rollout or Ingress address takes seconds. Other systems keep the production schedule;
/// timeouts stay as configured.
/// </summary>
internal static class SandboxPolling
{
    private static readonly TimeSpan FirstInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(2);

    public static ProvisionTimings For(ProvisionTimings timings, SandboxIntegrations sandboxed) => timings with
    {
        Build = sandboxed.HasFlag(SandboxIntegrations.Jenkins) ? Quick(timings.Build) : timings.Build,
        Rollout = sandboxed.HasFlag(SandboxIntegrations.Kubernetes) ? Quick(timings.Rollout) : timings.Rollout,
        IngressAddress = sandboxed.HasFlag(SandboxIntegrations.Kubernetes) ? Quick(timings.IngressAddress) : timings.IngressAddress,
        LiveProbe = sandboxed.HasFlag(SandboxIntegrations.Kubernetes) ? Quick(timings.LiveProbe) : timings.LiveProbe,
    };

    private static PollSchedule Quick(PollSchedule schedule) => schedule with { FirstInterval = FirstInterval, MaxInterval = MaxInterval };
}
