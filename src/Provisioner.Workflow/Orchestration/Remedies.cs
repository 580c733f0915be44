using Microsoft.DurableTask;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>What an operator should do when a step fails: the runbook line for the step and the kind of failure.</summary>
internal static class Remedies
{
    private const string Again = "then start the provision again (a new provision opens a new pull request).";

    /// <summary>When a step's integration call failed (after any retries).</summary>
    public static string ForCallFailure(string step, SiteIdentity site, TaskFailureDetails failure)
    {
        if (ActivityFailure.IsNotConfigured(failure))
        {
            return "Set the settings the cause names (app settings, or Key Vault for secrets), " + Again;
        }

        return step switch
        {
            StepNames.PullRequest or StepNames.Approval =>
                "Check the GitHub token's scopes (contents and pull requests: write), the repository's branch protection " +
                "and the MCP server's availability, " + Again,
            StepNames.Build =>
                "Check that Jenkins is reachable at JENKINS_URL and that JENKINS_USER's API token may create jobs in the " +
                "folder and build them, " + Again,
            StepNames.Rollout or StepNames.Ingress => ForCluster(step, site),
            _ => "Report the provision id to the platform team; the Functions logs hold the details.",
        };
    }

    /// <summary>When a step ran but its result was a failure (a failed build, a stuck rollout).</summary>
    public static string ForOutcome(string step, SiteIdentity site) => step switch
    {
        StepNames.Build =>
            "Open the build's console log (links.build_url), fix the cause (Jenkinsfile, registry credentials, agent " +
            "capacity) in the sites repository, " + Again,
        _ => ForCluster(step, site),
    };

    private static string ForCluster(string step, SiteIdentity site) => step == StepNames.Ingress
        ? $"Check that the cluster credentials may create Ingresses in namespace '{site.Namespace}' and that the " +
          "ingress class and cert-manager issuer exist, " + Again
        : $"Run 'kubectl -n {site.Namespace} rollout status deployment/{site.AppName}' and " +
          $"'kubectl -n {site.Namespace} describe deployment/{site.AppName}' to see the failing pods " +
          "(image pull, probes, resources), fix them, " + Again;
}
