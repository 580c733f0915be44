using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Provisioner.Kubernetes.Tests.Kubectl;

namespace Provisioner.Sandbox.Tests;

/// <summary>
/// The sandbox as a process of its own (<c>dotnet Provisioner.Sandbox.dll</c>), as issue 13's restart
/// tests and people run it: it prints the settings a runner needs as NAME=value lines, every one of
/// which works with its system's own client, and stops on SIGTERM and Ctrl+C.
/// </summary>
public sealed class SandboxProcessTests
{
    private static readonly TimeSpan Stops = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task It_prints_settings_each_system_accepts_and_stops_on_SIGTERM()
    {
        await using var process = DotnetProcess.Start("Provisioner.Sandbox.dll", ["--webhook-url", "http://127.0.0.1:9/api/github/webhook"]);
        var settings = await SettingsAsync(process);
        using var http = new HttpClient();

        using var repository = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(settings["GITHUB_API_URL"]), $"api/v3/repos/{settings["GITHUB_OWNER"]}/{settings["GITHUB_REPO"]}"));
        repository.Headers.Authorization = new AuthenticationHeaderValue("token", settings["GITHUB_TOKEN"]);
        using var jenkins = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(settings["JENKINS_URL"]), "api/json"));
        jenkins.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings["JENKINS_USER"]}:{settings["JENKINS_TOKEN"]}")));
        var kubectl = await new KubectlRunner(settings["KUBECONFIG"], Directory.CreateTempSubdirectory("kubectl-cache-").FullName).RunAsync("get", "namespace", settings["K8S_NAMESPACE_DEFAULT"], "-o", "name");
        // Through 127.0.0.1 with the Host header a browser would send for the .localhost name (no DNS lookup).
        var site = new Uri(settings["SANDBOX_INGRESS_URL_TEMPLATE"].Replace("{domain}", "nothing.example.com", StringComparison.Ordinal));
        using var ingress = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{site.Port}/");
        ingress.Headers.Host = site.Authority;

        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(repository)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(jenkins)).StatusCode);
        Assert.True(kubectl.ExitCode == 0, kubectl.ToString());
        Assert.Equal("namespace/sites", kubectl.Output.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(ingress)).StatusCode);
        Assert.Equal("nginx", settings["K8S_INGRESS_CLASS"]);
        Assert.Contains("# GitHub delivers its webhooks to http://127.0.0.1:9/api/github/webhook", process.OutputLines);

        process.Signal(DotnetProcess.SignalTerminate);

        Assert.True(await process.ExitsWithinAsync(Stops), $"still running {Stops} after SIGTERM: {process.Output} {process.Errors}");
        Assert.Equal(0, process.ExitCode);
        Assert.False(File.Exists(settings["KUBECONFIG"]), "the temporary kubeconfig outlived the sandbox");
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(settings["JENKINS_URL"]));
    }

    [Fact]
    public async Task Port_base_puts_GitHub_Jenkins_Kubernetes_and_the_ingress_controller_on_four_ports_in_a_row_and_Ctrl_C_stops_it()
    {
        var portBase = FreePortRun(4);
        var kubeconfig = Path.Combine(Directory.CreateTempSubdirectory("sandbox-").FullName, "sandbox.kubeconfig");
        await using var process = DotnetProcess.Start("Provisioner.Sandbox.dll", ["--port-base", portBase.ToString(System.Globalization.CultureInfo.InvariantCulture), "--kubeconfig", kubeconfig]);
        var settings = await SettingsAsync(process);

        Assert.Equal(portBase, new Uri(settings["GITHUB_API_URL"]).Port);
        Assert.Equal(portBase + 1, new Uri(settings["JENKINS_URL"]).Port);
        Assert.Contains($"server: https://127.0.0.1:{portBase + 2}", await File.ReadAllTextAsync(kubeconfig), StringComparison.Ordinal);
        Assert.Equal(kubeconfig, settings["KUBECONFIG"]);
        Assert.EndsWith($":{portBase + 3}/", settings["SANDBOX_INGRESS_URL_TEMPLATE"], StringComparison.Ordinal);

        process.Signal(DotnetProcess.SignalInterrupt);
        Assert.True(await process.ExitsWithinAsync(Stops), $"still running {Stops} after SIGINT: {process.Output} {process.Errors}");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task A_busy_port_is_one_line_and_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var process = DotnetProcess.Start("Provisioner.Sandbox.dll", ["--port-base", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.True(await process.ExitsWithinAsync(TimeSpan.FromSeconds(60)), process.Output + process.Errors);
        Assert.Equal(1, process.ExitCode);
        Assert.Equal($"a port from {port} to {port + 3} is in use; pass another --port-base N, or none for free ports", process.Errors.Trim());
    }

    [Theory]
    [InlineData("--port-base", "0")]
    [InlineData("--webhook-url", "not a url")]
    [InlineData("--verbose")]
    public async Task A_bad_argument_says_how_to_call_the_sandbox(params string[] arguments)
    {
        await using var process = DotnetProcess.Start("Provisioner.Sandbox.dll", arguments);

        Assert.True(await process.ExitsWithinAsync(TimeSpan.FromSeconds(60)), process.Output + process.Errors);
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("usage: Provisioner.Sandbox [--webhook-url URL] [--port-base N] [--kubeconfig PATH]", process.Errors, StringComparison.Ordinal);
    }

    /// <summary>The NAME=value lines the sandbox printed before its ready line.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> SettingsAsync(DotnetProcess process)
    {
        await process.WaitForLineAsync("the sandbox being ready", line => line == SandboxBanner.ReadyLine);
        return SandboxBanner.ReadValues(process.OutputLines);
    }

    /// <summary>The first of <paramref name="count"/> consecutive free loopback ports.</summary>
    private static int FreePortRun(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var start = ((IPEndPoint)first.LocalEndpoint).Port;
            if (start + count > 65535)
            {
                continue;
            }

            var others = new List<TcpListener>();
            try
            {
                for (var port = start + 1; port < start + count; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    others.Add(listener);
                }

                return start;
            }
            catch (SocketException)
            {
                // Taken: try another run.
            }
            finally
            {
                others.ForEach(l => l.Stop());
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports found.");
    }
}
