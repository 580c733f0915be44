using System.Diagnostics;

namespace Provisioner.Testing;

/// <summary>
/// Makes sure a Debian package a test needs is installed (this kind of machine runs tests as root with
/// apt reachable): probe, else <c>apt-get install -y</c>, with <c>apt-get update</c> first when the
/// install fails; serialized across test processes with a lock file. Fails with what to run by hand
/// when it cannot. Linked into the test projects that need it (tests/shared/).
/// </summary>
internal static class DebianPackages
{
    private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(10);
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "provisioner-tests-apt.lock");

    /// <summary>Installs <paramref name="package"/> unless it is installed (or <paramref name="probePath"/> exists).</summary>
    public static async Task EnsureAsync(string package, string? probePath = null)
    {
        if (await IsInstalledAsync(package, probePath))
        {
            return;
        }

        using var aptLock = await AcquireLockAsync();
        if (await IsInstalledAsync(package, probePath))
        {
            return;
        }

        var install = await RunAsync("apt-get", $"install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 {package}");
        if (install.ExitCode != 0)
        {
            var update = await RunAsync("apt-get", "update -q -o DPkg::Lock::Timeout=600");
            install = await RunAsync("apt-get", $"install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 {package}");
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"The tests need the Debian package '{package}' and could not install it (apt-get update exited {update.ExitCode}, " +
                    $"apt-get install exited {install.ExitCode}). Install it by hand: apt-get update && apt-get install -y {package}\n{Tail(install.Output)}");
            }
        }

        if (!await IsInstalledAsync(package, probePath))
        {
            throw new InvalidOperationException($"apt-get installed '{package}' but {probePath ?? "dpkg"} still does not show it.");
        }
    }

    private static async Task<bool> IsInstalledAsync(string package, string? probePath)
    {
        if (probePath is not null)
        {
            return File.Exists(probePath);
        }

        var query = await RunAsync("dpkg-query", $"-W -f=${{Status}} {package}");
        return query.ExitCode == 0 && query.Output.Contains("install ok installed", StringComparison.Ordinal);
    }

    private static async Task<IDisposable> AcquireLockAsync()
    {
        var deadline = DateTime.UtcNow + AptTimeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock on Unix: one installer across processes.
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{file} is not available: {ex.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(AptTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{file} {arguments} did not finish within {AptTimeout.TotalMinutes} minutes.");
            }

            return (process.ExitCode, await output + await error);
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
