using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Provisioner.Api;
using Provisioner.Sandbox;
using Provisioner.Sandbox.Outcomes;

namespace Provisioner.Local.Sandbox;

/// <summary>
/// <c>GET /api/sandbox</c>: what a script, a test or the UI needs to act in the sandbox — the GitHub
/// API and a token for acting as the DevOps team (merging through the real
/// <c>PUT /repos/{owner}/{repo}/pulls/{n}/merge</c>), Jenkins and a user to look with, the
/// kubeconfig for kubectl, the address sites answer at, and the scripted outcomes. Integrations that
/// are real systems are left out; with none sandboxed it is 404. The tokens are the sandbox's own,
/// made for this run.
/// </summary>
internal static class SandboxApi
{
    public const string Route = "/api/sandbox";

    public static IEndpointRouteBuilder MapSandboxApi(this IEndpointRouteBuilder app, SandboxEnvironment? sandbox)
    {
        app.MapGet(Route, () => Describe(sandbox)).WithName(LocalRunner.SandboxEndpoint);
        return app;
    }

    private static Results<Ok<SandboxView>, ProblemHttpResult> Describe(SandboxEnvironment? sandbox) =>
        sandbox is null
            ? Problems.Of("not-found", "There is no sandbox.", StatusCodes.Status404NotFound,
                "Every integration of this runner is a real system (GITHUB_TOKEN, JENKINS_URL and KUBECONFIG or KUBECONFIG_CONTENT are set); unset one to have the sandbox stand in for it.", Route)
            : TypedResults.Ok(SandboxView.Of(sandbox));
}

/// <summary>The sandbox as <c>GET /api/sandbox</c> shows it (snake_case; a real system's member is left out).</summary>
internal sealed record SandboxView(
    SandboxView.GitHubView? Github,
    SandboxView.JenkinsView? Jenkins,
    SandboxView.KubernetesView? Kubernetes,
    SandboxView.IngressView? Ingress,
    IReadOnlyList<SandboxView.OutcomeView> ScriptedOutcomes)
{
    public static SandboxView Of(SandboxEnvironment sandbox) => new(
        sandbox.GitHub is { } gitHub ? new GitHubView(gitHub.ApiUrl.ToString(), gitHub.Owner, gitHub.Repository, gitHub.ReviewerToken) : null,
        sandbox.Jenkins is { } jenkins ? new JenkinsView(jenkins.Url.ToString(), jenkins.OperatorUser, jenkins.OperatorToken) : null,
        sandbox.Kubernetes is { } cluster ? new KubernetesView(cluster.KubeconfigPath, cluster.Namespace, cluster.IngressClass) : null,
        sandbox.Kubernetes is { } routed ? new IngressView(routed.IngressUrlTemplate) : null,
        [.. ScriptedOutcome.All.Where(o => Shows(o, sandbox.Integrations)).Select(o => new OutcomeView(o.DomainPrefix, o.Step, o.Outcome))]);

    // A scripted build failure needs the sandbox's Jenkins; the others also need its cluster.
    private static bool Shows(ScriptedOutcome outcome, SandboxIntegrations sandboxed) =>
        sandboxed.HasFlag(SandboxIntegrations.Jenkins) && (outcome.Effect == ScriptedEffect.BuildFails || sandboxed.HasFlag(SandboxIntegrations.Kubernetes));

    /// <summary>The GitHub REST API's root, the sites repository and the reviewer's token.</summary>
    public sealed record GitHubView(string ApiUrl, string Owner, string Repo, string ReviewerToken);

    /// <summary>Jenkins' root and a user with its API token.</summary>
    public sealed record JenkinsView(string Url, string User, string Token);

    /// <summary>The kubeconfig file, the sites' namespace and the Ingress class.</summary>
    public sealed record KubernetesView(string KubeconfigPath, string Namespace, string IngressClass);

    /// <summary>A site's address through the ingress controller: <c>http://{domain}.localhost:PORT/</c>.</summary>
    public sealed record IngressView(string UrlTemplate);

    /// <summary>A scripted failure: the domain prefix that plays it, the step where it shows, what happens.</summary>
    public sealed record OutcomeView(string DomainPrefix, string Step, string Outcome);
}
