using Microsoft.Extensions.DependencyInjection;

namespace Provisioner.Local;

/// <summary>How the local runner starts.</summary>
public sealed class LocalRunnerOptions
{
    /// <summary>The port on 127.0.0.1 (0 picks a free one). Default 7071, as <c>func start</c>.</summary>
    public int Port { get; init; } = 7071;

    /// <summary>Settings layered over the runner's own (e.g. <c>APPROVAL_TIMEOUT</c>).</summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Registrations made after the runner's own, so they win: e.g. a benchmark's build server that answers at once.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
