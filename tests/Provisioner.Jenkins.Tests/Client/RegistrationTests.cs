using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;
using Provisioner.Workflow.Integrations.Ci;

namespace Provisioner.Jenkins.Tests.Client;

/// <summary>How the app registers Jenkins: the placeholder is replaced, settings bind from their app-setting names, nothing fails at start-up.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void The_Jenkins_build_server_replaces_the_placeholder_whatever_the_order()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection()
            .AddProvisioningWorkflow(configuration)
            .AddJenkinsBuildServer(configuration)
            .BuildServiceProvider();

        Assert.IsType<JenkinsBuildServer>(services.GetRequiredService<IBuildServer>());
        Assert.Single(services.GetServices<IBuildServer>());
    }

    [Fact]
    public void Settings_bind_from_their_app_setting_names_and_the_folder_has_a_default()
    {
        var options = Bind(new()
        {
            [SettingNames.JenkinsUrl] = "https://jenkins.example.com/",
            [SettingNames.JenkinsUser] = "provisioner",
            [SettingNames.JenkinsGitCredentialsId] = "github-sites",
        });

        Assert.Equal("https://jenkins.example.com/", options.Url);
        Assert.Equal("provisioner", options.User);
        Assert.Equal("github-sites", options.GitCredentialsId);
        Assert.Equal([JenkinsOptions.DefaultFolder], options.FolderPath);
        Assert.Equal(["teams", "web"], Bind(new() { [SettingNames.JenkinsUrl] = "https://j.example/", [SettingNames.JenkinsUser] = "u", [SettingNames.JenkinsFolder] = "/teams/web/" }).FolderPath);
        Assert.Equal([JenkinsOptions.DefaultFolder], Bind(new() { [SettingNames.JenkinsUrl] = "https://j.example/", [SettingNames.JenkinsUser] = "u", [SettingNames.JenkinsFolder] = "" }).FolderPath);
    }

    [Fact]
    public void The_token_is_not_an_option_it_is_read_as_a_secret_per_call()
    {
        Assert.DoesNotContain(typeof(JenkinsOptions).GetProperties(), p => p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(SettingNames.JenkinsToken, SettingNames.Secrets);
    }

    [Fact]
    public async Task An_app_without_Jenkins_settings_starts_and_fails_only_the_call()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddJenkinsBuildServer(configuration).BuildServiceProvider();

        var jenkins = services.GetRequiredService<IBuildServer>();
        var failure = await Assert.ThrowsAsync<IntegrationNotConfiguredException>(() => jenkins.EnsureJobAsync(Support.JenkinsTestBed.Spec(), CancellationToken.None));

        Assert.Equal("Jenkins is not configured: set JENKINS_URL, JENKINS_USER, JENKINS_TOKEN.", failure.Message);
    }

    [Fact]
    public void Https_is_required_except_on_loopback()
    {
        var validator = new JenkinsOptionsValidator();

        Assert.True(validator.Validate(null, new JenkinsOptions { Url = "https://jenkins.example.com/ci/", User = "u" }).Succeeded);
        Assert.True(validator.Validate(null, new JenkinsOptions { Url = "http://127.0.0.1:8080/", User = "u" }).Succeeded);
        Assert.True(validator.Validate(null, new JenkinsOptions { Url = "http://localhost:8080", User = "u" }).Succeeded);
        Assert.False(validator.Validate(null, new JenkinsOptions { Url = "http://10.0.0.5:8080/", User = "u" }).Succeeded);
    }

    private static JenkinsOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddJenkinsBuildServer(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptionsMonitor<JenkinsOptions>>().CurrentValue;
    }
}
