using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.SourceControl;

namespace Provisioner.GitHub.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void AddGitHubSourceControl_replaces_a_placeholder_and_uses_the_registered_secret_provider()
    {
        var placeholder = Mock.Of<ISourceControl>();
        var secrets = Mock.Of<ISecretProvider>();
        var services = new ServiceCollection()
            .AddSingleton(placeholder)
            .AddSingleton(secrets);

        services.AddGitHubSourceControl(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        Assert.IsType<GitHubSourceControl>(provider.GetRequiredService<ISourceControl>());
        Assert.Same(secrets, provider.GetRequiredService<ISecretProvider>());
        Assert.Single(services, d => d.ServiceType == typeof(ISourceControl));
    }

    [Fact]
    public async Task Without_a_secret_provider_the_token_is_read_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [SettingNames.GitHubToken] = "t0ken" }).Build();
        using var provider = new ServiceCollection().AddGitHubSourceControl(configuration).BuildServiceProvider();

        Assert.Equal("t0ken", await provider.GetRequiredService<ISecretProvider>().GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None));
    }
}
