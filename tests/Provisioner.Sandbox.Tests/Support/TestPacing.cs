using Provisioner.Sandbox;

namespace Provisioner.Sandbox.Tests.Support;

/// <summary>The sandbox at a test's pace: every wait still happens, in a fraction of the time.</summary>
internal static class TestPacing
{
    public static SandboxPacing Quick { get; } = new()
    {
        QueueWait = TimeSpan.FromMilliseconds(200),
        Stage = TimeSpan.FromMilliseconds(100),
        Schedule = TimeSpan.FromMilliseconds(100),
        Pull = TimeSpan.FromMilliseconds(200),
        Ready = TimeSpan.FromMilliseconds(200),
        IngressAddress = TimeSpan.FromMilliseconds(100),
        ProgressDeadline = TimeSpan.FromSeconds(5),
    };

    public static Task<SandboxEnvironment> StartSandboxAsync() => SandboxEnvironment.StartAsync(new SandboxOptions { Pacing = Quick });
}
