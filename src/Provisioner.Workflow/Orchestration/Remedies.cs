using Microsoft.DurableTask;
using Provisioner.Workflow.Model;

namespace Provisioner.Workflow.Orchestration;

/// <summary>What an operator should do when a step fails: the runbook line for the step and the kind of failure.</summary>
internal static class Remedies
{
    private const string Again = "then start the provision again (a new provision opens a new pull request).";

    /// <summary>When a step's integration call failed (after any retries).</summary>
    public static string ForCallFailure(ProvisionStep step, SiteIdentity site, TaskFailureDetails failure) =>
        ActivityFailure.IsNotConfigured(failure)
            ? "Set the settings the cause names (app settings, or Key Vault for secrets), " + Again
            : step.Runbook(site);

    /// <summary>GitHub: opening, reading or closing the pull request.</summary>
    public static string GitHub(SiteIdentity site) =>
        "Check the GitHub token's scopes (contents and pull requests: write), the repository's branch protection " +
        "and the MCP server's availability, " + Again;

    /// <summary>Jenkins: creating the job or queueing and reading the build.</summary>
    public static string Jenkins(SiteIdentity site) =>
        "Check that Jenkins is reachable at JENKINS_URL and that JENKINS_USER's API token may create jobs in the " +
        "folder and build them, " + Again;

    /// <summary>A build that ran and did not succeed.</summary>
    public static string FailedBuild(SiteIdentity site) =>
        "Open the build's console log (links.build_url), fix the cause (Jenkinsfile, registry credentials, agent " +
        "capacity) in the sites repository, " + Again;

    /// <summary>A rollout that failed or could not be read.</summary>
    public static string Rollout(SiteIdentity site) =>
        $"Run 'kubectl -n {site.Namespace} rollout status deployment/{site.AppName}' and " +
        $"'kubectl -n {site.Namespace} describe deployment/{site.AppName}' to see the failing pods " +
        "(image pull, probes, resources), fix them, " + Again;

    /// <summary>An Ingress that could not be applied.</summary>
    public static string Ingress(SiteIdentity site) =>
        $"Check that the cluster credentials may create Ingresses in namespace '{site.Namespace}' and that the " +
        "ingress class and cert-manager issuer exist, " + Again;
}
