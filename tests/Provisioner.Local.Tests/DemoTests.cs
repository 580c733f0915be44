using Provisioner.Local.Tests.Support;

namespace Provisioner.Local.Tests;

/// <summary>The README's run command's proof: <c>--demo</c> walks a provision to its live page and exits 0 only then.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_merges_as_the_DevOps_team_follows_the_provision_to_Completed_and_shows_the_live_page()
    {
        await using var demo = RunnerProcess.Start(["--demo"]);

        Assert.True(await demo.ExitsWithinAsync(TimeSpan.FromMinutes(2)), demo.Output + demo.Errors);
        Assert.True(demo.ExitCode == 0, demo.Output + demo.Errors);
        var output = demo.Output;
        Assert.Matches(@"PUT http://127\.0\.0\.1:\d+/api/v3/repos/contoso/sites/pulls/1/merge", output);
        Assert.Matches(@"\d+\.\d s  Completed", output);
        Assert.Matches(@"build +Succeeded +\d+\.\d s  Build #1 succeeded\.", output);
        Assert.Contains("Live URL: http://demo.example.com/", output, StringComparison.Ordinal);
        Assert.Contains("HTTP 200 OK; Content-Type: text/html", output, StringComparison.Ordinal);
        Assert.Contains("|     <h1>Coming soon</h1>", output, StringComparison.Ordinal);
    }
}
