using Microsoft.DurableTask;
using Provisioner.Workflow.Integrations.Cluster;
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

    /// <summary>Build failed: a build that ran and did not succeed, or was cancelled in the queue.</summary>
    public static string FailedBuild(SiteIdentity site) =>
        "Inspect the Jenkins console (failure.evidence.console_tail; the whole log at links.build_url), fix the " +
        "template or the pipeline (Jenkinsfile, registry credentials, agent capacity) in the sites repository, " + Again;

    /// <summary>A build still queued or running at the build deadline.</summary>
    public static string SlowBuild(SiteIdentity site) =>
        "Look at the build in Jenkins (links.build_url; while it is queued, the executors that could take it): " +
        "free or add an agent, or stop a hung build; if this site's builds take longer, raise BUILD_TIMEOUT, " + Again;

    /// <summary>A rollout that could not be read.</summary>
    public static string Rollout(SiteIdentity site) =>
        $"Run 'kubectl -n {site.Namespace} rollout status deployment/{site.AppName}' and " +
        $"'kubectl -n {site.Namespace} describe deployment/{site.AppName}' to see the failing pods " +
        "(image pull, probes, resources), fix them, " + Again;

    /// <summary>Deployment unhealthy: a rollout that failed or did not finish.</summary>
    public static string UnhealthyDeployment(SiteIdentity site) =>
        $"Inspect the pods and events (failure.evidence; 'kubectl -n {site.Namespace} describe deployment/{site.AppName}', " +
        $"'kubectl -n {site.Namespace} get events --field-selector type=Warning'), then roll back the image " +
        $"('kubectl -n {site.Namespace} rollout undo deployment/{site.AppName}') or fix it in the sites repository, " + Again;

    /// <summary>A build that succeeded without creating the site's Deployment.</summary>
    public static string DeploymentNeverApplied(SiteIdentity site) =>
        $"Check the Jenkinsfile's deploy stage (the build's console at links.build_url): it must apply the site's " +
        $"k8s/ manifests to namespace '{site.Namespace}' with credentials allowed to, " + Again;

    /// <summary>An Ingress that could not be applied.</summary>
    public static string Ingress(SiteIdentity site) =>
        $"Check that the cluster credentials may create Ingresses in namespace '{site.Namespace}' and that the " +
        "ingress class and cert-manager issuer exist, " + Again;

    /// <summary>An Ingress the ingress controller gave no address.</summary>
    public static string NoIngressAddress(SiteIdentity site, AppliedIngress ingress) =>
        $"Check the ingress controller and the class: 'kubectl get ingressclass{(ingress.ClassName is null ? "" : " " + ingress.ClassName)}' must name " +
        $"a controller that is running (see its pods and logs), and K8S_INGRESS_CLASS that class; " +
        $"'kubectl -n {site.Namespace} describe ingress/{ingress.Name}' shows the Ingress's events, " + Again;

    /// <summary>A site that did not answer through its ingress.</summary>
    public static string Unreachable(SiteIdentity site, string address) =>
        $"Check DNS ({site.Domain} must resolve to {address}), the TLS secret (the Ingress's secretName, or " +
        $"cert-manager's Certificate for it), the ingress controller's logs, and that the site's pods answer on their " +
        "Service's port, " + Again;
}
