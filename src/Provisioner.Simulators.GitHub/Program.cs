using Provisioner.Simulators.GitHub;

// Runs the simulator on its own: dotnet run -- [port] ; seeds owner/repo from SIM_OWNER/SIM_REPO and a team from SIM_TEAM.
var port = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 0;
var options = new SimulatorOptions();
if (Environment.GetEnvironmentVariable("SIM_TOKEN") is { Length: > 0 } token)
{
    options.Tokens.Add(token);
}

if (Environment.GetEnvironmentVariable("SIM_WEBHOOK_URL") is { Length: > 0 } hook)
{
    options.WebhookUrl = new Uri(hook);
}

if (Environment.GetEnvironmentVariable("SIM_WEBHOOK_SECRET") is { Length: > 0 } secret)
{
    options.WebhookSecret = secret;
}

await using var simulator = await GitHubSimulator.StartAsync(options, port);
var owner = Environment.GetEnvironmentVariable("SIM_OWNER") ?? "contoso";
simulator.State.SeedRepository(owner, Environment.GetEnvironmentVariable("SIM_REPO") ?? "sites");
simulator.State.AddTeam(owner, Environment.GetEnvironmentVariable("SIM_TEAM") ?? "devops");
Console.WriteLine($"GitHub simulator listening on {simulator.BaseUrl} (REST under api/v3/, MCP at {simulator.McpUrl}). Ctrl+C stops it.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
