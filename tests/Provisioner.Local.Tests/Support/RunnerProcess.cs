using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Provisioner.Local.Tests.Support;

/// <summary>
/// The runner as a user starts it: <c>dotnet Provisioner.Local.dll …</c> in a child process with the settings
/// given as environment variables, its output captured, signals sent as a terminal or a service manager
/// sends them, or SIGKILL as a crash or an OOM kill would.
/// </summary>
internal sealed partial class RunnerProcess : IAsyncDisposable
{
    public const int SignalInterrupt = 2;
    public const int SignalKill = 9;
    public const int SignalTerminate = 15;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> errors = new();

    private RunnerProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Add(output, e.Data);
        process.ErrorDataReceived += (_, e) => Add(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', output);

    public string Errors => string.Join('\n', errors);

    public int ExitCode => process.ExitCode;

    public static RunnerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Provisioner.Local.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new RunnerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Waits until the runner says where it serves.</summary>
    public async Task<Uri> WaitUntilServingAsync()
    {
        var line = await Eventually.WaitAsync(
            "The runner serving",
            () => Task.FromResult(output.FirstOrDefault(l => RunningAt().IsMatch(l)) ?? (process.HasExited ? "exited" : null)),
            seen => seen is not null,
            TimeSpan.FromSeconds(60),
            _ => $"stdout: {Output} stderr: {Errors}");
        Assert.False(process.HasExited, $"The runner exited: {Output} {Errors}");
        return new Uri(RunningAt().Match(line!).Groups["url"].Value);
    }

    /// <summary>Sends a POSIX signal to the runner.</summary>
    public void Signal(int signal) => Assert.Equal(0, Kill(process.Id, signal));

    /// <summary>True when the runner exited within <paramref name="timeout"/>.</summary>
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

    [GeneratedRegex(@"running at (?<url>http://127\.0\.0\.1:\d+/)")]
    private static partial Regex RunningAt();
}
