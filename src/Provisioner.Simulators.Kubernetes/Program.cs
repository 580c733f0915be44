using System.Globalization;
using System.Runtime.InteropServices;
using Provisioner.Simulators.Kubernetes;

// Runs the simulator on its own:
//   dotnet run --project src/Provisioner.Simulators.Kubernetes -- [--port PORT] [--kubeconfig PATH]
// writes a kubeconfig (URL and token) to PATH or a temporary file, prints its path, and runs until Ctrl+C or SIGTERM.
int? port = null;
string? kubeconfig = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 65535:
            port = p;
            i++;
            break;
        case "--kubeconfig" when i + 1 < args.Length:
            kubeconfig = args[++i];
            break;
        default:
            Console.Error.WriteLine($"Unknown or incomplete argument '{args[i]}'. Usage: [--port PORT] [--kubeconfig PATH]");
            return 2;
    }
}

var options = new KubernetesSimulatorOptions();
if (Environment.GetEnvironmentVariable("K8S_NAMESPACE_DEFAULT") is { Length: > 0 } namespaceName)
{
    options.Namespace = namespaceName;
}

await using var simulator = await KubernetesSimulator.StartAsync(options, port ?? 0);
var path = simulator.WriteKubeconfig(kubeconfig ?? Path.Combine(Path.GetTempPath(), $"provisioner-k8s-sim-{Environment.ProcessId}.kubeconfig"));
Console.WriteLine($"Kubernetes API server simulator listening on {simulator.BaseUrl} (namespace {options.Namespace}).");
Console.WriteLine($"kubeconfig: {path}");
Console.WriteLine($"Try: kubectl --kubeconfig {path} get deploy,rs,pods,svc,ingress");
Console.Out.Flush();

var stop = new TaskCompletionSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
await stop.Task;
Console.WriteLine("Stopping.");
return 0;
