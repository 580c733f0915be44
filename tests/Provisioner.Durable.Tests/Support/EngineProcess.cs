using System.Collections.Concurrent;
using System.Diagnostics;

namespace Provisioner.Durable.Tests.Support;

/// <summary>
/// The durable engine in a child process (Provisioner.Durable.TestHost, run with <c>dotnet</c>), so a
/// test can kill it with SIGKILL as a crash or an OOM kill would, and start another on the same task hub.
/// </summary>
internal sealed class EngineProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private EngineProcess(Process process, ConcurrentQueue<string> output)
    {
        this.process = process;
        this.output = output;
    }

    public int Id => process.Id;

    public string Output => string.Join(Environment.NewLine, output);

    public static async Task<EngineProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotNet())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Provisioner.Durable.TestHost.dll"));
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
                if (line.StartsWith("ready", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Enqueue(line);
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The engine process exited while starting."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var engine = new EngineProcess(process, output);
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
            return engine;
        }
        catch (Exception e)
        {
            await engine.DisposeAsync();
            throw new InvalidOperationException($"The engine process did not start. Its output:{Environment.NewLine}{engine.Output}", e);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, no lease or message is released.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static string DotNet() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
