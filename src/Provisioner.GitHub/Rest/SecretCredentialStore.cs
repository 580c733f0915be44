using Octokit;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;

namespace Provisioner.GitHub.Rest;

/// <summary>Gives Octokit the current GitHub token on every request, so a rotated secret is picked up.</summary>
internal sealed class SecretCredentialStore(ISecretProvider secrets) : ICredentialStore
{
    public async Task<Credentials> GetCredentials()
    {
        var token = await secrets.GetSecretAsync(SettingNames.GitHubToken, CancellationToken.None)
            ?? throw new IntegrationNotConfiguredException("GitHub", SettingNames.GitHubToken);
        return new Credentials(token, AuthenticationType.Bearer);
    }
}
