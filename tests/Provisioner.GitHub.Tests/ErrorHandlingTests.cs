using Provisioner.GitHub.Tests.Support;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;

namespace Provisioner.GitHub.Tests;

public sealed class ErrorHandlingTests : IAsyncLifetime
{
    private GitHubTestBed bed = null!;

    public async Task InitializeAsync() => bed = await GitHubTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task Bad_credentials_are_a_permanent_error_with_the_runbook_and_without_the_token()
    {
        const string wrongToken = "wrong-token-value-that-must-not-appear-42";

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => bed.SourceControl(token: wrongToken).OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));

        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
        Assert.Contains("token's scopes", failure.Message, StringComparison.Ordinal);
        Assert.Contains("branch protection", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MCP server", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(401, Assert.Single(bed.Simulator.Log.ApiCalls).Status);
    }

    [Fact]
    public async Task Bad_credentials_on_the_MCP_path_are_still_permanent_after_falling_back()
    {
        const string wrongToken = "another-wrong-token-value-0000000000";

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => bed.SourceControl(useMcp: true, token: wrongToken).OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));

        Assert.DoesNotContain(wrongToken, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains(bed.Simulator.Log.Entries, e => e.Path == "/mcp" && e.Status == 401);
    }

    [Fact]
    public async Task An_unknown_repository_is_a_permanent_error()
    {
        var other = new Dictionary<string, string?> { [SettingNames.GitHubRepo] = "no-such-repo" };

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => bed.SourceControl(settings: other).OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));

        Assert.Contains("404", failure.Message, StringComparison.Ordinal);
        Assert.Contains("contoso/no-such-repo", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_team_is_a_permanent_error()
    {
        var other = new Dictionary<string, string?> { [SettingNames.GitHubDevOpsTeamSlug] = "no-such-team" };

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => bed.SourceControl(settings: other).OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));

        Assert.Contains("422", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(403)]
    [InlineData(503)]
    public async Task A_short_Retry_After_is_waited_out_in_process(int status)
    {
        var fault = bed.Simulator.Faults.Add(new FaultRule("POST", "/repos/contoso/sites/pulls") { StatusCode = status, RetryAfterSeconds = 1 });

        var pr = await bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None);

        Assert.Equal(1, fault.Hits);
        var posts = bed.Simulator.Log.ApiCalls.Where(c => c.Method == "POST" && c.Path.EndsWith("/pulls", StringComparison.Ordinal)).Select(c => c.Status);
        Assert.Equal([status, 201], posts);
        Assert.Single(bed.Simulator.State.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!.PullRequests.Values, p => p.Number == pr.Number);
    }

    [Theory]
    [InlineData(429, 120)]
    [InlineData(403, 3600)]
    [InlineData(502, null)]
    [InlineData(500, null)]
    public async Task Server_errors_and_long_throttling_are_transient_errors(int status, int? retryAfter)
    {
        bed.Simulator.Faults.Add(new FaultRule("POST", "/repos/contoso/sites/git/trees") { StatusCode = status, RetryAfterSeconds = retryAfter });

        var failure = await Assert.ThrowsAsync<TransientIntegrationException>(
            () => bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));

        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
        if (retryAfter is { } seconds)
        {
            Assert.Contains($"Retry after {seconds}s", failure.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(GitHubTestBed.Token, failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.State.FindRepository(GitHubTestBed.Owner, GitHubTestBed.Repo)!.PullRequests);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_transient_error()
    {
        bed.Simulator.Faults.Add(new FaultRule("GET", "/repos/contoso/sites") { DropConnection = true });

        await Assert.ThrowsAsync<TransientIntegrationException>(
            () => bed.SourceControl().OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));
    }

    [Theory]
    [InlineData(SettingNames.GitHubOwner)]
    [InlineData(SettingNames.GitHubRepo)]
    [InlineData(SettingNames.GitHubDevOpsTeamSlug)]
    public async Task A_missing_setting_fails_as_not_configured_naming_it(string setting)
    {
        var missing = new Dictionary<string, string?> { [setting] = null };

        var failure = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(
            () => bed.SourceControl(settings: missing).OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.Log.Entries);
    }

    [Theory]
    [InlineData(SettingNames.GitHubApiUrl, "http://github.internal.example/")]
    [InlineData(SettingNames.McpGitHubServerEndpoint, "http://mcp.internal.example/mcp")]
    [InlineData(SettingNames.GitHubApiUrl, "ftp://github.example/")]
    public async Task An_address_the_token_could_travel_to_in_clear_text_is_refused_before_any_call(string setting, string value)
    {
        var failure = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(
            () => bed.SourceControl(settings: new Dictionary<string, string?> { [setting] = value }).OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));

        Assert.Contains(setting + " (an absolute https URL; http only on loopback)", failure.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.Log.Entries);
    }

    [Fact]
    public async Task A_missing_token_fails_as_not_configured()
    {
        var failure = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(
            () => bed.SourceControl(token: null).OpenPullRequestAsync(GitHubTestBed.Request(), CancellationToken.None));

        Assert.Contains(SettingNames.GitHubToken, failure.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.Log.Entries);
    }
}
