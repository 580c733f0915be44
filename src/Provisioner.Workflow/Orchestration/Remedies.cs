using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>What an operator should do when a step fails: the runbook line for each step.</summary>
internal static class Remedies
{
    public static string For(string step, SiteIdentity site) => step switch
    {
        StepNames.PullRequest =>
            "Check the GitHub token's scopes (contents and pull requests: write), the repository's branch protection " +
            "and the MCP server's availability, then start the provision again.",
        StepNames.Build =>
            "Open the build's console log (links.build_url) or the Jenkins job, fix the cause (Jenkinsfile, credentials, " +
            "agent capacity) and start the provision again; the merged pull request is reused.",
        StepNames.Rollout =>
            $"Run 'kubectl -n {site.Namespace} rollout status deployment/{site.AppName}' and " +
            $"'kubectl -n {site.Namespace} describe deployment/{site.AppName}' to see the failing pods " +
            "(image pull, probes, resources), fix them and start the provision again.",
        StepNames.Ingress =>
            $"Check that the cluster credentials may create Ingresses in namespace '{site.Namespace}' and that the " +
            "ingress class and cert-manager issuer exist, then start the provision again.",
        _ => "Start the provision again; if it fails the same way, contact the platform team with the provision id.",
    };
}
