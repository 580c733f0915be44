using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioner.Local;
using Provisioner.Workflow.Hosting;

// dotnet run --project src/Provisioner.Local              serve the API on http://127.0.0.1:7071/ until Ctrl+C or SIGTERM
// dotnet run --project src/Provisioner.Local -- --demo    walk one provision through the pipeline, then exit
// dotnet run --project src/Provisioner.Local -- --port 0  any free port
if (!RunnerArguments.TryParse(args, out var arguments, out var usage))
{
    Console.Error.WriteLine(usage);
    return 1;
}

LocalRunner runner;
try
{
    runner = await LocalRunner.StartAsync(new LocalRunnerOptions { Port = arguments.Port });
}
catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
{
    Console.Error.WriteLine($"port {arguments.Port} is in use; pass --port N (0 picks a free port)");
    return 1;
}
catch (RunnerStartException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine("Provisioner cannot start:");
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine("  " + failure);
    }

    return 1;
}

await using (runner)
{
    if (arguments.Demo)
    {
        if (runner.GitHub is not { } gitHub)
        {
            Console.Error.WriteLine("--demo merges its pull request in the runner's GitHub simulator, which does not run when GITHUB_TOKEN, GITHUB_OWNER and GITHUB_REPO are set: unset them for the demo.");
            return 1;
        }

        return await new Demo(runner, gitHub, Console.Out).RunAsync();
    }

    Console.WriteLine($"""
        Provisioner is running at {runner.BaseUrl}  ({(runner.GitHub is { } simulator ? $"GitHub simulator at {simulator.BaseUrl}" : $"GitHub at {runner.Services.GetRequiredService<IConfiguration>()[SettingNames.GitHubApiUrl] ?? "github.com"}")})
        Open {runner.BaseUrl} in a browser for the web UI. No function key is needed here.
        {runner.Engine.Description}

          curl -s {runner.BaseUrl}api/templates
          curl -s -X POST {runner.BaseUrl}api/provisions -H 'content-type: application/json' \
               -d '{"{"}"domain":"shop.example.com","app_type":"frontend","template_id":"static-site"{"}"}'
          curl -s {runner.BaseUrl}api/provisions/<provision_id>
          curl -s {runner.BaseUrl}api/provisions

        Ctrl+C (or SIGTERM) stops it.
        """);
    await runner.WaitForShutdownAsync();
}

return 0;
