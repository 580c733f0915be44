using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Provisioner.Local.Tests.Support;

namespace Provisioner.Local.Tests;

/// <summary>
/// The runner as a process: SIGTERM and Ctrl+C stop it (engine, simulator, server) within seconds
/// whatever its provisions are doing, and start-up problems are one clear line and exit code 1.
/// </summary>
public sealed class RunnerProcessTests
{
    // The runner gives itself 5 s to stop; the rest is slack for a busy machine. The defect was minutes.
    private static readonly TimeSpan Stops = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SIGTERM_stops_the_runner_while_a_provision_waits_for_approval()
    {
        await using var runner = RunnerProcess.Start(["--port", "0"]);
        var url = await runner.WaitUntilServingAsync();
        using var http = new HttpClient { BaseAddress = url };
        var id = await http.StartProvisionAsync("sigterm.example.com");
        await http.WaitForStatusAsync(id, "AwaitingApproval");

        runner.Signal(DotnetProcess.SignalTerminate);

        Assert.True(await runner.ExitsWithinAsync(Stops), $"still running {Stops} after SIGTERM: {runner.Output} {runner.Errors}");
        Assert.Equal(0, runner.ExitCode);
        Assert.DoesNotContain("Unhandled exception", runner.Errors, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("api/templates"));
    }

    [Fact]
    public async Task Ctrl_C_stops_the_runner_after_its_provisions_have_ended()
    {
        await using var runner = RunnerProcess.Start(["--port", "0"]);
        using var http = new HttpClient { BaseAddress = await runner.WaitUntilServingAsync() };
        foreach (var domain in new[] { "ended-1.example.com", "ended-2.example.com", "ended-3.example.com" })
        {
            var id = await http.StartProvisionAsync(domain);
            await http.WaitForStatusAsync(id, "AwaitingApproval");
            using var cancelled = await http.PostAsync($"api/provisions/{id}/cancel", null);
            Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
            await http.WaitForStatusAsync(id, "Cancelled");
        }

        runner.Signal(DotnetProcess.SignalInterrupt);

        Assert.True(await runner.ExitsWithinAsync(Stops), $"still running {Stops} after SIGINT: {runner.Output} {runner.Errors}");
        Assert.Equal(0, runner.ExitCode);
    }

    [Fact]
    public async Task A_busy_port_is_one_line_naming_the_fix_and_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var runner = RunnerProcess.Start(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(await runner.ExitsWithinAsync(TimeSpan.FromSeconds(60)), runner.Output + runner.Errors);
        Assert.Equal(1, runner.ExitCode);
        Assert.Equal($"port {port} is in use; pass --port N (0 picks a free port)", runner.Errors.Trim());
        Assert.DoesNotContain("   at ", runner.Output + runner.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_template_folder_is_a_clear_start_up_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-templates-" + Guid.NewGuid().ToString("N"));

        await using var runner = RunnerProcess.Start(["--port", "0"], new Dictionary<string, string> { ["TEMPLATE_ROOT"] = missing });

        Assert.True(await runner.ExitsWithinAsync(TimeSpan.FromSeconds(60)), runner.Output + runner.Errors);
        Assert.Equal(1, runner.ExitCode);
        Assert.Contains($"The template folder '{missing}' (TEMPLATE_ROOT) does not exist. Set TEMPLATE_ROOT to the folder holding the templates.", runner.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", runner.Output + runner.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "seventy")]
    [InlineData("--verbose")]
    public async Task A_bad_argument_says_how_to_call_the_runner(params string[] arguments)
    {
        await using var runner = RunnerProcess.Start(arguments);

        Assert.True(await runner.ExitsWithinAsync(TimeSpan.FromSeconds(60)), runner.Output + runner.Errors);
        Assert.Equal(1, runner.ExitCode);
        Assert.Contains("--port", runner.Errors, StringComparison.Ordinal);
    }
}
