using System.Diagnostics;
using System.Text.Json.Nodes;
using Provisioner.Sandbox.Tests.Support;

namespace Provisioner.Sandbox.Tests.Fidelity;

/// <summary>An independent Jenkins client, python-jenkins (Debian's python3-jenkins), reads a sandbox build as it reads a real one's.</summary>
public sealed class PythonJenkinsTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Python_jenkins_reads_a_sandbox_builds_result_parameters_and_stage_by_stage_console()
    {
        await DebianPackages.EnsureAsync("python3-jenkins");
        await using var sandbox = await TestPacing.StartSandboxAsync();
        var site = SiteSource.Render("python.example.com");
        var repository = SiteSource.Commit(sandbox, "sites-python", site.Files());
        using var jobs = new SiteJobs(sandbox);
        await jobs.CreateAsync("python", repository.CloneUrl, "sites/python.example.com/Jenkinsfile");
        var build = await jobs.BuildAsync("python", new Dictionary<string, string>(site.BuildParameters) { ["GIT_COMMIT"] = repository.Commit });

        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Fidelity", "python_jenkins_build.py"), sandbox.Jenkins!.Url.ToString(), sandbox.Jenkins.OperatorUser, sandbox.Jenkins.OperatorToken, "python", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var python = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = await python.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = await python.StandardError.ReadToEndAsync(deadline.Token);
        await python.WaitForExitAsync(deadline.Token);

        Assert.True(python.ExitCode == 0, $"python-jenkins failed ({python.ExitCode}):\n{errors}\n{output}");
        var seen = JsonNode.Parse(output)!;
        Assert.Equal("admin", (string?)seen["whoami"]);
        Assert.Equal("SUCCESS", (string?)seen["result"]);
        Assert.False((bool)seen["building"]!);
        Assert.Equal(new Uri(sandbox.Jenkins.Url, "job/python/1/").ToString(), (string?)seen["url"]);
        Assert.Equal(repository.Commit, (string?)seen["parameters"]!["GIT_COMMIT"]);
        Assert.Equal("python-example-com", (string?)seen["parameters"]!["APP_NAME"]);
        Assert.Equal(build.Console, (string?)seen["console"]);
        Assert.Equal(1, (int)seen["last_build"]!);
    }
}
