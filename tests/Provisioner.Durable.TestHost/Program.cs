using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Provisioner.Durable;
using Provisioner.Durable.TestHost;

// dotnet Provisioner.Durable.TestHost.dll, with AzureWebJobsStorage, TASKHUB_NAME, SIDE_EFFECTS_FILE and
// RELEASE_FILE in the environment: hosts the durable engine until stdin closes or the process is killed.
// Prints "ready" once the host has started and its engine's description before that.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Provisioner.Durable", LogLevel.Information);
var sideEffects = builder.Configuration["SIDE_EFFECTS_FILE"] ?? throw new InvalidOperationException("Set SIDE_EFFECTS_FILE.");
var release = builder.Configuration["RELEASE_FILE"] ?? throw new InvalidOperationException("Set RELEASE_FILE.");
builder.Services.AddDurableEngine(builder.Configuration, registry => RestartFlows.Register(registry, sideEffects, release));

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"ready {host.Services.GetRequiredService<DurableEngineInfo>().Backend}");
await Console.In.ReadToEndAsync();
await host.StopAsync();
