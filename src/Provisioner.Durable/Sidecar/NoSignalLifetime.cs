using Microsoft.Extensions.Hosting;

namespace Provisioner.Durable.Sidecar;

/// <summary>
/// The sidecar's inner host's lifetime: it handles no signal. The outer host alone answers SIGTERM
/// and Ctrl+C, stopping the worker first and the sidecar after it.
/// </summary>
internal sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
