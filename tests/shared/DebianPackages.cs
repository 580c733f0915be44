using System.Diagnostics;

namespace Provisioner.Testing;

/// <summary>
/// Makes sure a Debian package an independent-client test needs (e.g. <c>python3-jenkins</c>) is
/// installed, so <c>dotnet test Provisioner.sln</c> works from a fresh clone on a Debian machine:
/// probes with <c>dpkg-query</c>; otherwise runs <c>apt-get install -y</c> (and <c>apt-get update</c>
/// first when that fails), holding a lock file so parallel test processes install one at a time.
/// Fails with what to do when it cannot. Linked into the test projects that need it (tests/shared/).
/// </summary>
internal static class DebianPackages
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "provisioner-apt-get.lock");
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Returns when <paramref name="package"/> is installed; throws, saying how to install it, when it cannot be.</summary>
    public static void Ensure(string package)
    {
        if (IsInstalled(package))
        {
            return;
        }

        if (!File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException($"The Debian package {package} is not installed and this machine has no apt-get: install {package} (or its equivalent) and run the tests again.");
        }

        using var installLock = AcquireLock();
        if (IsInstalled(package))
        {
            return;
        }

        var install = Run("apt-get", "install", "-y", "--no-install-recommends", package);
        if (install.ExitCode != 0)
        {
            var update = Run("apt-get", "update");
            install = Run("apt-get", "install", "-y", "--no-install-recommends", package);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Could not install the Debian package {package} (apt-get update exited {update.ExitCode}, apt-get install exited {install.ExitCode}); " +
                    $"run 'apt-get update && apt-get install -y {package}' as root. Last output:\n{Tail(update.Output)}\n{Tail(install.Output)}");
            }
        }

        if (!IsInstalled(package))
        {
            throw new InvalidOperationException($"apt-get reported success but dpkg does not list {package} as installed.");
        }
    }

    private static bool IsInstalled(string package) =>
        File.Exists("/usr/bin/dpkg-query") && Run("dpkg-query", "-W", "-f=${Status}", package) is { ExitCode: 0 } probe
        && probe.Output.Contains("install ok installed", StringComparison.Ordinal);

    /// <summary>An exclusive lock on a file, shared by every test process on the machine; waits for it with a deadline.</summary>
    private static FileStream AcquireLock()
    {
        var deadline = DateTime.UtcNow + InstallTimeout;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(InstallTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {InstallTimeout}.");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}
