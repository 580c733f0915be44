using System.Diagnostics;
using System.Net;
using Provisioner.Jenkins.Tests.Support;

namespace Provisioner.Jenkins.Tests.Simulator;

/// <summary>The simulator runs alone (<c>dotnet run --project src/Provisioner.Simulators.Jenkins -- …</c>), says where and as whom, and stops on SIGTERM.</summary>
public sealed class StandaloneTests
{
    [Fact]
    public async Task It_prints_its_URL_user_and_token_serves_them_and_stops_on_SIGTERM()
    {
        using var process = Start("--port", "0", "--user", "ci-bot", "--token", "standalone-token-0123");
        try
        {
            var printed = await ReadSettingsAsync(process);

            Assert.Equal("ci-bot", printed["JENKINS_USER"]);
            Assert.Equal("standalone-token-0123", printed["JENKINS_TOKEN"]);
            var url = new Uri(printed["JENKINS_URL"]);
            Assert.Equal("127.0.0.1", url.Host);
            using (var jenkins = new RawJenkins(url, "ci-bot", "standalone-token-0123"))
            {
                var me = await jenkins.JsonAsync("me/api/json");
                Assert.Equal("ci-bot", (string?)me["id"]);
            }

            Assert.Equal(0, Posix.Kill(process.Id, Posix.SigTerm));
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(exited.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Without_a_token_it_makes_up_a_random_one()
    {
        using var first = Start();
        using var second = Start();
        try
        {
            var a = await ReadSettingsAsync(first);
            var b = await ReadSettingsAsync(second);

            Assert.Equal("provisioner", a["JENKINS_USER"]);
            Assert.Matches("^[0-9a-f]{34}$", a["JENKINS_TOKEN"]);
            Assert.NotEqual(a["JENKINS_TOKEN"], b["JENKINS_TOKEN"]);
            using var wrong = new RawJenkins(new Uri(a["JENKINS_URL"]), "provisioner", b["JENKINS_TOKEN"]);
            using var response = await wrong.GetAsync("api/json");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            second.Kill(entireProcessTree: true);
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Provisioner.Simulators.Jenkins.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>The <c>NAME=value</c> lines it prints before it says how to stop it.</summary>
    private static async Task<Dictionary<string, string>> ReadSettingsAsync(Process process)
    {
        var settings = new Dictionary<string, string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line && !line.StartsWith("Ctrl+C", StringComparison.Ordinal))
        {
            if (line.Split('=', 2) is [var name, var value] && name.StartsWith("JENKINS_", StringComparison.Ordinal))
            {
                settings[name] = value;
            }
        }

        Assert.True(settings.Count == 3, $"The simulator printed {string.Join(", ", settings.Keys)}; stderr: {(process.HasExited ? await process.StandardError.ReadToEndAsync() : string.Empty)}");
        return settings;
    }

    private static class Posix
    {
        public const int SigTerm = 15;

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        public static extern int Kill(int pid, int signal);
    }
}
