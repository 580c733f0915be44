using System.Diagnostics;

namespace Provisioner.Kubernetes.Tests.Kubectl;

/// <summary>Runs the real kubectl (v1.32, /usr/bin/kubectl) against a kubeconfig, with a deadline.</summary>
internal sealed class KubectlRunner(string kubeconfig, string cacheDirectory)
{
    public const string Binary = "/usr/bin/kubectl";

    public async Task<KubectlResult> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within 60s; output so far: {await output}{await error}");
        }

        return new KubectlResult(process.ExitCode, await output, await error);
    }
}

/// <summary>What kubectl printed and how it exited.</summary>
internal sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
}
