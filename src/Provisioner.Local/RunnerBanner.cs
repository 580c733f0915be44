using System.Text;
using Microsoft.Extensions.Configuration;
using Provisioner.Api;
using Provisioner.Local.Sandbox;
using Provisioner.Sandbox.Outcomes;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Local;

/// <summary>
/// What the runner prints when it starts: where it serves, per integration the sandbox or the real
/// endpoint it uses (never a secret), how to look inside the sandbox's cluster, where its settings
/// came from, and where its provisions are kept.
/// </summary>
internal static class RunnerBanner
{
    private const string Indent = "              ";

    public static string Render(LocalRunner runner)
    {
        var configuration = runner.Configuration;
        var sandbox = runner.Sandbox;
        var webhook = new Uri(runner.BaseUrl, $"{ApiRoutes.Prefix}/{ApiRoutes.GitHubWebhook}");
        var repository = $"{configuration[SettingNames.GitHubOwner]}/{configuration[SettingNames.GitHubRepo]}";
        var text = new StringBuilder();
        text.AppendLine($"Provisioner is running at {runner.BaseUrl}");
        text.AppendLine($"  Web UI      {runner.UiUrl}");
        if (sandbox?.GitHub is { } gitHub)
        {
            text.AppendLine($"  GitHub      sandbox: {gitHub.ServerUrl} (repository {gitHub.Owner}/{gitHub.Repository}, team {gitHub.DevOpsTeam}; merges deliver the webhook to {webhook})");
        }
        else
        {
            text.AppendLine($"  GitHub      {Given(configuration[SettingNames.GitHubApiUrl]) ?? "https://api.github.com/"} (repository {repository}, team {configuration[SettingNames.GitHubDevOpsTeamSlug]})");
            text.AppendLine($"{Indent}webhook: the repository's webhook must reach {webhook.AbsolutePath} of this runner (payload URL https://<public address>{webhook.AbsolutePath},");
            text.AppendLine($"{Indent}application/json, the {SettingNames.WebhookSecret}, event Pull requests); the runner listens on 127.0.0.1 only, so expose");
            text.AppendLine($"{Indent}it through a tunnel. Without deliveries a merge is still noticed by the hourly recheck.");
        }

        text.AppendLine(sandbox?.Jenkins is { } jenkins
            ? $"  Jenkins     sandbox: {jenkins.Url} (user {jenkins.OperatorUser}; its token is in GET {SandboxApi.Route})"
            : $"  Jenkins     {configuration[SettingNames.JenkinsUrl]} (user {configuration[SettingNames.JenkinsUser]}, folder {Given(configuration[SettingNames.JenkinsFolder]) ?? Jenkins.JenkinsOptions.DefaultFolder})");
        if (sandbox?.Kubernetes is { } cluster)
        {
            text.AppendLine($"  Kubernetes  sandbox: {sandbox.KubernetesSimulator!.BaseUrl}; sites answer at {cluster.IngressUrlTemplate}");
            text.AppendLine($"{Indent}kubectl --kubeconfig {cluster.KubeconfigPath} get deploy,pods,svc,ingress -n {cluster.Namespace}");
        }
        else
        {
            text.AppendLine(Given(configuration[SettingNames.KubeConfigContent]) is not null
                ? $"  Kubernetes  the cluster of the kubeconfig in {SettingNames.KubeConfigContent}"
                : $"  Kubernetes  the cluster of the kubeconfig file {configuration[SettingNames.KubeConfigPath]}");
        }

        text.AppendLine(runner.SettingsFiles.Count == 0
            ? "  Settings    environment variables (no local.settings.json found)"
            : $"  Settings    {string.Join(", then ", runner.SettingsFiles)}, then environment variables");
        text.AppendLine($"  State       {runner.Engine.Description}");
        if (sandbox?.Jenkins is not null)
        {
            text.AppendLine($"  Scripted    a domain starting with {string.Join(", ", ScriptedOutcome.All.Select(o => o.DomainPrefix))} fails on purpose (GET {SandboxApi.Route} says how)");
        }

        return text.ToString();
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
