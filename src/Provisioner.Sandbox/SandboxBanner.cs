using System.Text;

namespace Provisioner.Sandbox;

/// <summary>
/// What the sandbox process prints: the settings that point a runner at it as <c>NAME=value</c>
/// lines (its secrets included, they are its own), the sandbox's own values for people and scripts
/// as <c>SANDBOX_…=value</c> lines, and notes as <c>#</c> lines.
/// </summary>
internal static class SandboxBanner
{
    /// <summary>The reviewer's GitHub token (merge or close pull requests as the DevOps team).</summary>
    public const string ReviewerToken = "SANDBOX_GITHUB_REVIEWER_TOKEN";

    /// <summary>The Jenkins user for people.</summary>
    public const string JenkinsOperatorUser = "SANDBOX_JENKINS_OPERATOR_USER";

    /// <summary>That user's API token.</summary>
    public const string JenkinsOperatorToken = "SANDBOX_JENKINS_OPERATOR_TOKEN";

    /// <summary>A site's address through the ingress controller.</summary>
    public const string IngressUrlTemplate = "SANDBOX_INGRESS_URL_TEMPLATE";

    /// <summary>The last line: everything above it has been printed.</summary>
    public const string ReadyLine = "# Ready. Ctrl+C or SIGTERM stops the sandbox.";

    public static string Render(SandboxEnvironment sandbox, Uri webhookUrl)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Provisioner sandbox: GitHub {sandbox.GitHubSimulator?.BaseUrl}, Jenkins {sandbox.JenkinsSimulator?.BaseUrl}, Kubernetes {sandbox.KubernetesSimulator?.BaseUrl}, ingress {sandbox.Ingress?.BaseUrl}");
        text.AppendLine("# Give a runner these settings (environment variables, or \"Values\" of its local.settings.json):");
        foreach (var (name, value) in sandbox.Settings)
        {
            text.AppendLine($"{name}={value}");
        }

        text.AppendLine("# For people and scripts:");
        text.AppendLine($"{ReviewerToken}={sandbox.GitHub?.ReviewerToken}");
        text.AppendLine($"{JenkinsOperatorUser}={sandbox.Jenkins?.OperatorUser}");
        text.AppendLine($"{JenkinsOperatorToken}={sandbox.Jenkins?.OperatorToken}");
        text.AppendLine($"{IngressUrlTemplate}={sandbox.Kubernetes?.IngressUrlTemplate}");
        text.AppendLine($"# GitHub delivers its webhooks to {webhookUrl}");
        text.AppendLine($"# Look inside the cluster: kubectl --kubeconfig {sandbox.Kubernetes?.KubeconfigPath} get deploy,pods,svc,ingress -n {sandbox.Kubernetes?.Namespace}");
        text.AppendLine(ReadyLine);
        return text.ToString();
    }
}
