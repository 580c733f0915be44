using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;
using Provisioner.Jenkins.Tests.Support;
using Provisioner.Simulators.Jenkins.Security;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>Failures people can act on: the cause, the fix, never the token.</summary>
public sealed class ErrorTests : IAsyncLifetime
{
    private JenkinsTestBed bed = null!;

    public async Task InitializeAsync() => bed = await JenkinsTestBed.StartAsync();

    public async Task DisposeAsync() => await bed.DisposeAsync();

    [Fact]
    public async Task A_wrong_token_is_a_permanent_401_naming_both_settings_and_never_the_token()
    {
        const string wrong = "wrong-token-value-that-must-not-appear-7";

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => bed.BuildServer(token: wrong).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Contains("(401)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("check JENKINS_USER / JENKINS_TOKEN", failure.Message, StringComparison.Ordinal);
        AssertNoSecret(failure, wrong);
        Assert.Equal(401, Assert.Single(bed.Simulator.Log.ApiCalls).Status);
    }

    [Theory]
    [InlineData("Create")]
    [InlineData("Build")]
    public async Task A_missing_permission_is_a_permanent_403_saying_which(string permission)
    {
        var user = bed.Simulator.Options.FindUser(JenkinsTestBed.User)!;
        var jenkins = bed.BuildServer();
        if (permission == "Build")
        {
            var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
            user.Permissions.Remove(JenkinsPermission.ItemBuild);
            var denied = await Assert.ThrowsAsync<PermanentIntegrationException>(
                () => jenkins.TriggerBuildAsync("prov-1", job, JenkinsTestBed.Parameters("prov-1"), CancellationToken.None));
            Assert.Contains("needs hudson.model.Item.Build", denied.Message, StringComparison.Ordinal);
            Assert.Contains("lacks Job/Build or Item/Create permission", denied.Message, StringComparison.Ordinal);
            AssertNoSecret(denied, JenkinsTestBed.Token);
            return;
        }

        user.Permissions.Remove(JenkinsPermission.ItemCreate);
        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(() => jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Contains("(403, needs hudson.model.Item.Create)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("lacks Job/Build or Item/Create permission", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_is_not_Jenkins_is_a_permanent_error_saying_so()
    {
        await using var other = await PlainServer.StartAsync();

        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(() => bed.BuildServer(new Dictionary<string, string?>
        {
            [SettingNames.JenkinsUrl] = other.Url,
        }).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Contains("JENKINS_URL", failure.Message, StringComparison.Ordinal);
        Assert.Contains("is not a Jenkins", failure.Message, StringComparison.Ordinal);
        AssertNoSecret(failure, JenkinsTestBed.Token);
    }

    [Fact]
    public async Task Nothing_listening_is_a_transient_error()
    {
        var port = bed.Simulator.BaseUrl.Port;
        await bed.Simulator.DisposeAsync();

        var failure = await Assert.ThrowsAsync<TransientIntegrationException>(() => bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Contains($"Could not reach Jenkins at http://127.0.0.1:{port}/", failure.Message, StringComparison.Ordinal);
        bed = await JenkinsTestBed.StartAsync();
    }

    [Theory]
    [InlineData(SettingNames.JenkinsUrl)]
    [InlineData(SettingNames.JenkinsUser)]
    [InlineData(SettingNames.JenkinsToken)]
    public async Task A_missing_setting_fails_as_not_configured_naming_it_before_any_call(string setting)
    {
        var jenkins = setting == SettingNames.JenkinsToken
            ? bed.BuildServer(token: null)
            : bed.BuildServer(new Dictionary<string, string?> { [setting] = null });

        var failure = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(() => jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.StartsWith("Jenkins is not configured: set ", failure.Message, StringComparison.Ordinal);
        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.Log.Entries);
    }

    [Fact]
    public async Task Every_missing_setting_is_named_at_once()
    {
        var jenkins = bed.BuildServer(new Dictionary<string, string?> { [SettingNames.JenkinsUrl] = null, [SettingNames.JenkinsUser] = " " }, token: null);

        var failure = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(
            () => jenkins.GetBuildProgressAsync(new(new("f/j", "u"), 1, "u", "p"), CancellationToken.None));

        Assert.Equal("Jenkins is not configured: set JENKINS_URL, JENKINS_USER, JENKINS_TOKEN.", failure.Message);
    }

    [Theory]
    [InlineData(SettingNames.JenkinsUrl, "http://jenkins.internal.example/")]
    [InlineData(SettingNames.JenkinsUrl, "ftp://jenkins.example/")]
    [InlineData(SettingNames.JenkinsUrl, "https://user:pass@jenkins.example/")]
    [InlineData(SettingNames.JenkinsUrl, "jenkins.example")]
    [InlineData(SettingNames.JenkinsFolder, "sites/bad:name")]
    [InlineData(SettingNames.JenkinsFolder, "sites/..")]
    public async Task An_invalid_setting_is_refused_before_any_call_saying_what_it_must_be(string setting, string value)
    {
        var failure = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(
            () => bed.BuildServer(new Dictionary<string, string?> { [setting] = value }).EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Contains(setting + " (", failure.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.Log.Entries);
    }

    [Fact]
    public async Task A_rotated_token_is_used_by_the_next_call()
    {
        var secrets = new Mock<ISecretProvider>();
        secrets.SetupSequence(s => s.GetSecretAsync(SettingNames.JenkinsToken, It.IsAny<CancellationToken>()))
            .ReturnsAsync("old-token-now-revoked-0000")
            .ReturnsAsync(JenkinsTestBed.Token);
        var jenkins = bed.BuildServer(secrets: secrets.Object);

        await Assert.ThrowsAsync<PermanentIntegrationException>(() => jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));
        await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);

        Assert.NotNull(bed.Simulator.State.FindJob(bed.JobFullName));
    }

    [Theory]
    [InlineData("main\u0001")]
    [InlineData("${GIT_COMMIT}")]
    public async Task A_branch_that_would_not_mean_what_it_says_is_refused_before_any_call(string branch)
    {
        var failure = await Assert.ThrowsAsync<PermanentIntegrationException>(
            () => bed.BuildServer().EnsureJobAsync(JenkinsTestBed.Spec(branch), CancellationToken.None));

        Assert.Contains("Cannot define the Jenkins job of shop.example.com", failure.Message, StringComparison.Ordinal);
        Assert.Empty(bed.Simulator.Log.Entries);
    }

    [Fact]
    public async Task No_log_line_of_a_whole_run_with_failures_holds_the_token_or_its_basic_header()
    {
        var jenkins = bed.BuildServer();
        var job = await jenkins.EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None);
        var queued = await jenkins.TriggerBuildAsync("prov-logs", job, JenkinsTestBed.Parameters("prov-logs"), CancellationToken.None);
        await jenkins.GetBuildProgressAsync(queued, CancellationToken.None);
        bed.Simulator.Sessions.ExpireAll();
        await Assert.ThrowsAnyAsync<IntegrationException>(() => bed.BuildServer(token: "another-secret-token-value-99").EnsureJobAsync(JenkinsTestBed.Spec(), CancellationToken.None));

        var logs = bed.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        foreach (var record in logs)
        {
            var text = $"{record.Category} {record.Message} {record.Exception} {string.Join(",", record.StructuredState ?? [])}";
            Assert.DoesNotContain(JenkinsTestBed.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain("another-secret-token-value-99", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Basic(JenkinsTestBed.Token), text, StringComparison.Ordinal);
        }
    }

    private static void AssertNoSecret(Exception failure, string token)
    {
        Assert.DoesNotContain(token, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Basic(token), failure.ToString(), StringComparison.Ordinal);
    }

    private static string Basic(string token) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{JenkinsTestBed.User}:{token}"));

    /// <summary>A loopback web server that is not Jenkins: 404 for everything, no X-Jenkins header.</summary>
    private sealed class PlainServer(WebApplication app) : IAsyncDisposable
    {
        public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";

        public static async Task<PlainServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
            var app = builder.Build();
            app.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return context.Response.WriteAsync("<html><body>Not here</body></html>");
            });
            await app.StartAsync();
            return new PlainServer(app);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
