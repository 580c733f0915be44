using Provisioner.Local;

// dotnet run --project src/Provisioner.Local              serve the API on http://127.0.0.1:7071/ until Ctrl+C
// dotnet run --project src/Provisioner.Local -- --demo    walk one provision through the pipeline, then exit
// dotnet run --project src/Provisioner.Local -- --port 0  any free port
var demo = args.Contains("--demo");
var portIndex = Array.IndexOf(args, "--port");
var port = portIndex >= 0 && portIndex + 1 < args.Length && int.TryParse(args[portIndex + 1], out var p) ? p : (demo ? 0 : 7071);

await using var runner = await LocalRunner.StartAsync(new LocalRunnerOptions { Port = port });
if (demo)
{
    return await new Demo(runner, Console.Out).RunAsync();
}

Console.WriteLine($"""
    Provisioner is running at {runner.BaseUrl}  (GitHub simulator at {runner.GitHub.BaseUrl})
    Open {runner.BaseUrl} in a browser for the web UI.

      curl -s {runner.BaseUrl}api/templates
      curl -s -X POST {runner.BaseUrl}api/provisions -H 'content-type: application/json' \
           -d '{"{"}"domain":"shop.example.com","app_type":"frontend","template_id":"static-site"{"}"}'
      curl -s {runner.BaseUrl}api/provisions/<provision_id>
      curl -s -X PUT -H 'authorization: token sim-token' {runner.GitHub.BaseUrl}api/v3/repos/{LocalRunner.Owner}/{LocalRunner.Repository}/pulls/1/merge

    Ctrl+C stops it.
    """);
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
await stop.Task;
return 0;
