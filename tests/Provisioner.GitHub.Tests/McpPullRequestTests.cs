using Provisioner.GitHub.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Model;

namespace Provisioner.GitHub.Tests;

public sealed class McpPullRequestTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task The_MCP_path_opens_the_same_pull_request_through_the_servers_tools()
    {
        var request = GitHubTestBed.Request(fileCount: 5);

        var pr = await bed.SourceControl(useMcp: true).OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal("mcp", pr.OpenedVia);
        AssertPullRequestComplete(request, pr.Number);
        // REST only looked (repository, branch); every write went through the MCP endpoint.
        var rest = bed.Simulator.Log.ApiCalls;
        Assert.All(rest, c => Assert.Equal("GET", c.Method));
        Assert.Equal(2, rest.Count);
        Assert.Contains(bed.Simulator.Log.Entries, e => e.Path == "/mcp" && e.Status == 200);
    }

    [Fact]
    public async Task An_unreachable_MCP_endpoint_falls_back_to_REST_with_one_pull_request()
    {
        var request = GitHubTestBed.Request();
        var down = new Dictionary<string, string?> { [SettingNames.McpGitHubServerEndpoint] = $"http://127.0.0.1:{Free.Port()}/mcp" };

        var pr = await bed.SourceControl(settings: down).OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal("rest", pr.OpenedVia);
        AssertPullRequestComplete(request, pr.Number);
    }

    [Fact]
    public async Task An_MCP_endpoint_that_answers_errors_falls_back_to_REST()
    {
        bed.Simulator.Faults.Add(new FaultRule("POST", "/mcp", times: int.MaxValue) { StatusCode = 503 });
        var request = GitHubTestBed.Request();

        var pr = await bed.SourceControl(useMcp: true).OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal("rest", pr.OpenedVia);
        AssertPullRequestComplete(request, pr.Number);
    }

    [Theory]
    [InlineData("create_pull_request", "rest")]
    [InlineData("push_files", "rest")]
    [InlineData("update_pull_request", "mcp")]
    [InlineData("issue_write", "mcp")]
    public async Task A_tool_the_server_does_not_advertise_is_done_through_REST(string missingTool, string openedVia)
    {
        await using var degraded = await GitHubTestBed.StartAsync(o => o.DisabledMcpTools.Add(missingTool));
        var request = GitHubTestBed.Request();

        var pr = await degraded.SourceControl(useMcp: true).OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal(openedVia, pr.OpenedVia);
        AssertPullRequestComplete(request, pr.Number, degraded);
    }

    [Theory]
    [InlineData("\"push_files\"", false)]
    [InlineData("\"push_files\"", true)]
    [InlineData("\"create_pull_request\"", false)]
    [InlineData("\"create_pull_request\"", true)]
    [InlineData("\"update_pull_request\"", true)]
    public async Task A_tool_call_that_fails_in_transport_is_finished_through_REST_without_a_second_branch_or_pull_request(string tool, bool afterHandling)
    {
        var fault = bed.Simulator.Faults.Add(new FaultRule("POST", "/mcp") { BodyContains = tool, DropConnection = true, AfterHandling = afterHandling });
        var request = GitHubTestBed.Request();

        var pr = await bed.SourceControl(useMcp: true).OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal(1, fault.Hits);
        AssertPullRequestComplete(request, pr.Number);
    }

    [Fact]
    public async Task A_tool_call_that_hangs_past_its_timeout_is_done_through_REST()
    {
        var fault = bed.Simulator.Faults.Add(new FaultRule("POST", "/mcp") { BodyContains = "\"create_pull_request\"", Delay = TimeSpan.FromSeconds(30) });
        var request = GitHubTestBed.Request();

        var pr = await bed.SourceControl(useMcp: true).OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal(1, fault.Hits);
        Assert.Equal("rest", pr.OpenedVia);
        AssertPullRequestComplete(request, pr.Number);
    }

    [Fact]
    public async Task A_retried_call_reuses_what_the_MCP_path_made()
    {
        var request = GitHubTestBed.Request();
        var sourceControl = bed.SourceControl(useMcp: true);

        var first = await sourceControl.OpenPullRequestAsync(request, CancellationToken.None);
        var second = await sourceControl.OpenPullRequestAsync(request, CancellationToken.None);

        Assert.Equal(first.Number, second.Number);
        AssertPullRequestComplete(request, first.Number);
    }

    private void AssertPullRequestComplete(Workflow.Integrations.SourceControl.ProvisionPullRequest request, int number, GitHubTestBed? on = null)
    {
        var state = (on ?? bed).Simulator.State;
        var repo = state.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!;
        var branch = ProvisionBranch.For(request.ProvisionId);
        var pr = Assert.Single(repo.PullRequests.Values);
        Assert.Equal(number, pr.Number);
        Assert.Equal(branch, pr.Head);
        Assert.Equal("open", pr.State);
        Assert.Contains(request.ProvisionId, pr.Body, StringComparison.Ordinal);
        Assert.Single(repo.Refs.Keys, r => r.StartsWith("refs/heads/provision/", StringComparison.Ordinal));
        var commit = Assert.Single(state.CommitsAhead(GitHubTestBed.Owner, GitHubTestBed.Repo, "main", branch));
        Assert.Contains("Provision-Id: " + request.ProvisionId, commit.Message, StringComparison.Ordinal);
        var files = state.ReadFiles(GitHubTestBed.Owner, GitHubTestBed.Repo, branch);
        Assert.All(request.Files, f => Assert.Equal(f.Content, files[f.Path]));
        Assert.Equal([GitHubTestBed.Team], pr.RequestedTeams);
        Assert.Equal(["provisioning", "app:backend"], pr.Labels);
    }
}
