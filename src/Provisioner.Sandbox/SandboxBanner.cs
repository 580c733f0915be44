using System.Text;

namespace Provisioner.Sandbox;

/// <summary>
/// What the sandbox process prints: the settings that point a runner at it as <c>NAME=value</c>
/// lines (its secrets included, they are its own), the sandbox's own values for people and scripts
/// as <c>SANDBOX_…=value</c> lines, notes as <c>#</c> lines, and <see cref="ReadyLine"/> last.
/// </summary>
public static class SandboxBanner
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

    /// <summary>The banner of a started sandbox whose GitHub delivers webhooks to <paramref name="webhookUrl"/>.</summary>
    public static string Render(SandboxEnvironment sandbox, Uri webhookUrl)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
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

    /// <summary>The <c>NAME=value</c> lines of a banner (the runner's settings and the <c>SANDBOX_…</c> values), by name.</summary>
    public static IReadOnlyDictionary<string, string> ReadValues(IEnumerable<string> lines) =>
        lines.Where(line => !line.StartsWith('#') && line.Contains('=', StringComparison.Ordinal))
            .Select(line => (Name: line[..line.IndexOf('=', StringComparison.Ordinal)], Value: line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
