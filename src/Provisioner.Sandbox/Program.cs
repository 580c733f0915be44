using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Provisioner.Sandbox;

// dotnet run --project src/Provisioner.Sandbox -- [--webhook-url URL] [--port-base N] [--kubeconfig PATH]
// Starts the sandbox on its own, prints the settings a runner needs as NAME=value lines, and runs until Ctrl+C or SIGTERM.
if (!SandboxArguments.TryParse(args, out var arguments, out var error))
{
    Console.Error.WriteLine(error);
    return 1;
}

SandboxEnvironment sandbox;
try
{
    sandbox = await SandboxEnvironment.StartAsync(new SandboxOptions { WebhookUrl = arguments.WebhookUrl, PortBase = arguments.PortBase, KubeconfigPath = arguments.KubeconfigPath });
}
catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
{
    Console.Error.WriteLine($"a port from {arguments.PortBase} to {arguments.PortBase + 3} is in use; pass another --port-base N, or none for free ports");
    return 1;
}

await using (sandbox)
{
    var stop = new TaskCompletionSource();
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.TrySetResult(); });
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.TrySetResult(); });
    Console.Out.Write(SandboxBanner.Render(sandbox, arguments.WebhookUrl));
    Console.Out.Flush();
    await stop.Task;
    Console.WriteLine("# Stopping the sandbox.");
}

return 0;
