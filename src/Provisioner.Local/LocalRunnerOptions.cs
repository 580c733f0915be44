using Microsoft.Extensions.DependencyInjection;
using Provisioner.Sandbox;

namespace Provisioner.Local;

/// <summary>How the local runner starts.</summary>
public sealed class LocalRunnerOptions
{
    /// <summary>The port on 127.0.0.1 (0 picks a free one). Default 7071, as <c>func start</c>.</summary>
    public int Port { get; init; } = 7071;

    /// <summary>Settings layered over all others (e.g. <c>APPROVAL_TIMEOUT</c>).</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Whether to read the machine's settings: <c>local.settings.json</c> (beside the app and in the
    /// working directory) and environment variables. On by default; tests turn it off so that a
    /// developer's GITHUB_TOKEN or KUBECONFIG never points them at a real system.
    /// </summary>
    public bool ReadAmbientSettings { get; init; } = true;

    /// <summary>How long the sandbox's systems take.</summary>
    public SandboxPacing SandboxPacing { get; init; } = SandboxPacing.Default;

    /// <summary>Changes to the runner's services, made after its own registrations (tests replace a dependency with it).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
