using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Provisioner.Testing;

/// <summary>
/// One of the repository's programs as a user starts it — <c>dotnet X.dll …</c> from the test's
/// output folder in a child process — its output captured line by line and signals sent as a
/// terminal or a service manager sends them. Settings that would point it at real systems are not
/// passed on from the test's environment unless given.
/// </summary>
internal sealed class DotnetProcess : IAsyncDisposable
{
    public const int SignalInterrupt = 2;
    public const int SignalKill = 9;
    public const int SignalTerminate = 15;

    /// <summary>Environment variables a child never inherits: each would switch an integration (or the store) to a real system.</summary>
    private static readonly string[] Withheld = ["GITHUB_TOKEN", "JENKINS_URL", "KUBECONFIG", "KUBECONFIG_CONTENT", "AzureWebJobsStorage"];

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> errors = new();

    private DotnetProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Add(output, e.Data);
        process.ErrorDataReceived += (_, e) => Add(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', output);

    public string Errors => string.Join('\n', errors);

    public IReadOnlyList<string> OutputLines => [.. output];

    public int ExitCode => process.ExitCode;

    public bool HasExited => process.HasExited;

    /// <summary>Starts <c>dotnet {assembly}</c> (a file in the test's output folder) with <paramref name="arguments"/>.</summary>
    public static DotnetProcess Start(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in Withheld)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new DotnetProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Waits until an output line satisfies <paramref name="wanted"/> and returns it; fails if the process exits first.</summary>
    public async Task<string> WaitForLineAsync(string what, Func<string, bool> wanted, TimeSpan? timeout = null)
    {
        var line = await Eventually.WaitAsync(
            what,
            () => Task.FromResult(output.FirstOrDefault(wanted) ?? (process.HasExited ? "exited" : null)),
            seen => seen is not null,
            timeout ?? TimeSpan.FromSeconds(60),
            _ => $"stdout: {Output} stderr: {Errors}");
        Assert.False(line == "exited" && !output.Any(wanted), $"The process exited: {Output} {Errors}");
        return line!;
    }

    /// <summary>Sends a POSIX signal.</summary>
    public void Signal(int signal) => Assert.Equal(0, Kill(process.Id, signal));

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            process.WaitForExit(); // drains the redirected output
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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

    private static void Add(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
