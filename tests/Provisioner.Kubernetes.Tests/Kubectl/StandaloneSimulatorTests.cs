using System.Diagnostics;

namespace Provisioner.Kubernetes.Tests.Kubectl;

/// <summary>The simulator run on its own (<c>dotnet Provisioner.Simulators.Kubernetes.dll --port P --kubeconfig K</c>): it writes the kubeconfig, kubectl uses it, SIGTERM stops it.</summary>
public sealed class StandaloneSimulatorTests
{
    [Fact]
    public async Task Writes_its_kubeconfig_serves_kubectl_and_stops_on_SIGTERM()
    {
        var directory = Directory.CreateTempSubdirectory("k8s-standalone-").FullName;
        var kubeconfig = Path.Combine(directory, "config");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Provisioner.Simulators.Kubernetes.dll"), "--port", "0", "--kubeconfig", kubeconfig })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(ready.Token);
            }
            while (line is not null && !line.StartsWith("kubeconfig: ", StringComparison.Ordinal));

            Assert.Equal("kubeconfig: " + kubeconfig, line);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
            }
            var namespaces = await new KubectlRunner(kubeconfig, Path.Combine(directory, "cache")).RunAsync("get", "namespaces", "-o", "name");
            Assert.Equal("namespace/default\nnamespace/sites\n", namespaces.Output);

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(stopped.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
