using System.Diagnostics;
using System.Text.Json.Nodes;
using Provisioner.Jenkins.Tests.Support;

namespace Provisioner.Jenkins.Tests.Fidelity;

/// <summary>
/// An independent Jenkins client, python-jenkins (Debian's python3-jenkins, run by /usr/bin/python3),
/// works against the simulator unchanged: version, jobs in folders, config.xml, builds with
/// parameters, the queue, build info and console output.
/// </summary>
public sealed class PythonJenkinsTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Python_jenkins_drives_the_simulator_through_a_whole_build()
    {
        await DebianPackages.EnsureAsync("python3-jenkins");
        await using var bed = await JenkinsTestBed.StartAsync(configure: o =>
        {
            o.Scripts.Default = new() { Duration = TimeSpan.FromMilliseconds(300) };
            o.Scripts.ForParameter("PROVISION_ID", "prov-long", new() { Duration = TimeSpan.FromHours(1) });
        });

        var (exitCode, output, errors) = await RunAsync(Path.Combine(AppContext.BaseDirectory, "Fidelity", "python_jenkins_check.py"), bed.Simulator.BaseUrl.ToString(), JenkinsTestBed.User, JenkinsTestBed.Token);

        Assert.True(exitCode == 0, $"python-jenkins failed ({exitCode}):\n{errors}\n{output}");
        var seen = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal(JenkinsTestBed.User, (string?)seen["whoami"]);
        Assert.Equal(bed.Simulator.Options.Version, (string?)seen["version"]);
        Assert.False((bool)seen["exists_before"]!);
        Assert.True((bool)seen["is_folder"]!);
        Assert.True((bool)seen["exists_after"]!);
        Assert.True((bool)seen["duplicate_refused"]!);
        Assert.True((bool)seen["config_has_git_commit"]!);
        Assert.Equal("<?xml version='1.1' encoding='UTF-8'?>", (string?)seen["config_declaration"]);
        Assert.Equal("org.jenkinsci.plugins.workflow.job.WorkflowJob", (string?)seen["job_class"]);
        Assert.Equal("""["PROVISION_ID","GIT_COMMIT"]""", seen["declared"]!.ToJsonString());
        Assert.Equal(1, (int)seen["queue_number"]!);
        Assert.Equal("hudson.model.Queue$LeftItem", (string?)seen["queue_item_class"]);
        Assert.Equal("SUCCESS", (string?)seen["result"]);
        Assert.Equal(new Uri(bed.Simulator.BaseUrl, "job/sites/job/shop/1/").ToString(), (string?)seen["build_url"]);
        Assert.Equal("""{"PROVISION_ID":"prov-py","GIT_COMMIT":"HEAD"}""", seen["parameters"]!.ToJsonString());
        Assert.Equal("Finished: SUCCESS", (string?)seen["console_last_line"]);
        Assert.Equal("""["sites","sites/shop"]""", seen["jobs"]!.ToJsonString());
        Assert.Equal("""["sites","sites/shop"]""", seen["all_jobs_shallow"]!.ToJsonString());
        Assert.Equal("[]", seen["queue"]!.ToJsonString());
        Assert.StartsWith("In the quiet period. Expires in ", (string?)seen["waiting_why"], StringComparison.Ordinal);
        Assert.Equal("204 without a body", (string?)seen["cancel_answer"]);
        Assert.True((bool)seen["cancelled"]!);
        Assert.Equal("ABORTED", (string?)seen["stopped"]);
        Assert.False((bool)seen["exists_after_delete"]!);
        Assert.DoesNotContain(bed.Simulator.Log.ApiCalls, c => c.Status >= 500);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Loopback only: no proxy may be asked to reach the simulator.
        foreach (var variable in new[] { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["NO_PROXY"] = "*";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python-jenkins did not finish within 2 minutes:\n{await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
