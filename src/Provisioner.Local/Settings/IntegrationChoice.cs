using Microsoft.Extensions.Configuration;
using Provisioner.Sandbox;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Local.Settings;

/// <summary>
/// Which integrations are real systems and which the sandbox stands in for: an integration is real
/// as soon as its settings are given (GitHub: <c>GITHUB_TOKEN</c>; Jenkins: <c>JENKINS_URL</c>;
/// Kubernetes: <c>KUBECONFIG</c> or <c>KUBECONFIG_CONTENT</c>), and sandboxed otherwise. The
/// sandbox takes the names the settings give (repository, namespace, Ingress class), and reaches
/// the real systems with their own credentials.
/// </summary>
internal static class IntegrationChoice
{
    public static SandboxIntegrations Sandboxed(IConfiguration configuration)
    {
        var sandboxed = SandboxIntegrations.None;
        if (IsBlank(configuration[SettingNames.GitHubToken]))
        {
            sandboxed |= SandboxIntegrations.GitHub;
        }

        if (IsBlank(configuration[SettingNames.JenkinsUrl]))
        {
            sandboxed |= SandboxIntegrations.Jenkins;
        }

        if (IsBlank(configuration[SettingNames.KubeConfigPath]) && IsBlank(configuration[SettingNames.KubeConfigContent]))
        {
            sandboxed |= SandboxIntegrations.Kubernetes;
        }

        return sandboxed;
    }

    /// <summary>The sandbox for the integrations <paramref name="configuration"/> leaves unconfigured.</summary>
    public static SandboxOptions SandboxFor(IConfiguration configuration, SandboxIntegrations sandboxed, SandboxPacing pacing) => new()
    {
        Integrations = sandboxed,
        Owner = Given(configuration[SettingNames.GitHubOwner]) ?? "contoso",
        Repository = Given(configuration[SettingNames.GitHubRepo]) ?? "sites",
        DevOpsTeam = Given(configuration[SettingNames.GitHubDevOpsTeamSlug]) ?? "devops",
        Namespace = Given(configuration[SettingNames.KubernetesNamespace]) ?? Workflow.ProvisioningOptions.DefaultKubernetesNamespace,
        IngressClass = Given(configuration[SettingNames.KubernetesIngressClass]) ?? "nginx",
        Pacing = pacing,
        CheckoutToken = Given(configuration[SettingNames.GitHubToken]),
        ClusterKubeconfig = sandboxed.HasFlag(SandboxIntegrations.Kubernetes) ? null : RealKubeconfig(configuration),
    };

    /// <summary>The kubeconfig the settings give: <c>KUBECONFIG_CONTENT</c>, else the <c>KUBECONFIG</c> file when it exists; null otherwise.</summary>
    public static string? RealKubeconfig(IConfiguration configuration) =>
        Given(configuration[SettingNames.KubeConfigContent])
        ?? (Given(configuration[SettingNames.KubeConfigPath]) is { } path && File.Exists(path) ? File.ReadAllText(path) : null);

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);

    private static string? Given(string? value) => IsBlank(value) ? null : value!.Trim();
}
