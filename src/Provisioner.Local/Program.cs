using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Local;
using Provisioner.Local.Settings;

// dotnet run --project src/Provisioner.Local              serve the API and the UI on http://127.0.0.1:7071/ until Ctrl+C or SIGTERM
// dotnet run --project src/Provisioner.Local -- --demo    walk one provision to its live site, then exit
// dotnet run --project src/Provisioner.Local -- --port 0  any free port
if (!RunnerArguments.TryParse(args, out var arguments, out var usage))
{
    Console.Error.WriteLine(usage);
    return 1;
}

LocalRunner runner;
try
{
    // The demo's own lines tell its story; the runner's log adds only warnings and errors to them.
    runner = await LocalRunner.StartAsync(new LocalRunnerOptions { Port = arguments.Port }, arguments.Demo ? logging => LocalRunner.ConsoleLogging(logging, LogLevel.Warning) : null);
}
catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException)
{
    Console.Error.WriteLine($"port {arguments.Port} is in use; pass --port N (0 picks a free port)");
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
catch (RunnerStartException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
catch (InvalidLocalSettingsException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}

await using (runner)
{
    Console.Write(RunnerBanner.Render(runner));
    if (arguments.Demo)
    {
        return await new Demo(runner, Console.Out).RunAsync();
    }

    Console.WriteLine($"""

          curl -s {runner.BaseUrl}api/templates
          curl -s -X POST {runner.BaseUrl}api/provisions -H 'content-type: application/json' \
               -d '{"{"}"domain":"shop.example.com","app_type":"frontend","template_id":"static-site"{"}"}'
          curl -s {runner.BaseUrl}api/provisions/<provision_id>

        Open {runner.UiUrl} in a browser. Ctrl+C (or SIGTERM) stops the runner.
        """);
    await runner.WaitForShutdownAsync();
}

return 0;
