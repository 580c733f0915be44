using Provisioner.Api;
using Provisioner.Durable;
using Provisioner.Sandbox;

namespace Provisioner.Local.Durable;

/// <summary>
/// Refuses a durable store that outlives the runner together with a sandbox that lives inside it:
/// after a restart the provisions would come back waiting on pull requests, builds and rollouts
/// that the restarted sandbox never heard of.
/// </summary>
internal static class DurableStoreGuard
{
    /// <summary>Throws a <see cref="RunnerStartException"/> when the engine keeps provisions across restarts and any integration is sandboxed in the runner's process.</summary>
    public static void EnsureSandboxOutlivesTheRunner(DurableEngineInfo engine, SandboxIntegrations sandboxed, int runnerPort)
    {
        if (!engine.KeepsStateAcrossRestarts || sandboxed == SandboxIntegrations.None)
        {
            return;
        }

        var webhook = $"http://127.0.0.1:{(runnerPort == 0 ? "<runner port>" : runnerPort)}/{ApiRoutes.Prefix}/{ApiRoutes.GitHubWebhook}";
        throw new RunnerStartException(
            $"{DurableEngineOptions.StorageConnectionSetting} is set, so provisions outlive the runner (task hub {engine.TaskHubName}), " +
            $"but the sandbox's {Names(sandboxed)} would run inside the runner and forget them when it stops. " +
            $"Run the sandbox as a process of its own (dotnet run --project src/Provisioner.Sandbox -- --webhook-url {webhook}) and give the runner the settings it prints, " +
            $"or unset {DurableEngineOptions.StorageConnectionSetting} to keep provisions in memory.");
    }

    private static string Names(SandboxIntegrations sandboxed) => string.Join(
        " and ",
        new[] { SandboxIntegrations.GitHub, SandboxIntegrations.Jenkins, SandboxIntegrations.Kubernetes }.Where(i => sandboxed.HasFlag(i)));
}
