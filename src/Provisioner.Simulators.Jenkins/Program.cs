using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Provisioner.Simulators.Jenkins;
using Provisioner.Simulators.Jenkins.Security;

// Runs the simulator on its own: dotnet run -- [--port PORT] [--user USER] [--token TOKEN]
var arguments = new ConfigurationBuilder().AddCommandLine(args).Build();
var port = int.TryParse(arguments["port"], out var p) ? p : 0;
var user = arguments["user"] is { Length: > 0 } u ? u : "provisioner";
var token = arguments["token"] is { Length: > 0 } t ? t : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(17));

var options = new JenkinsSimulatorOptions();
options.Users.Clear();
options.Users.Add(new JenkinsUser(user, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), token));

await using var simulator = await JenkinsSimulator.StartAsync(options, port);
Console.WriteLine($"Jenkins simulator {options.Version} listening on {simulator.BaseUrl}");
Console.WriteLine($"JENKINS_URL={simulator.BaseUrl}");
Console.WriteLine($"JENKINS_USER={user}");
Console.WriteLine($"JENKINS_TOKEN={token}");
Console.WriteLine("Ctrl+C or SIGTERM stops it.");
await simulator.WaitForShutdownAsync();
