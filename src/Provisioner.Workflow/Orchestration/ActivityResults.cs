using Provisioner.Workflow.Activities;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.SourceControl;

namespace Provisioner.Workflow.Orchestration;

/// <summary>What <see cref="OpenPullRequestActivity"/> returns.</summary>
/// <param name="PullRequest">The pull request.</param>
/// <param name="BuildParameters">The template's Jenkins build parameters.</param>
public sealed record PullRequestOpened(PullRequestRef PullRequest, IReadOnlyDictionary<string, string> BuildParameters);

/// <summary>The input of <see cref="ClosePullRequestActivity"/>.</summary>
/// <param name="ProvisionId">The provision whose pull request to close; its branch finds the pull request when <paramref name="Number"/> is null.</param>
/// <param name="Number">The pull request, when the provision recorded it.</param>
/// <param name="Reason">The comment left on it.</param>
public sealed record ClosePullRequestInput(string ProvisionId, int? Number, string Reason);

/// <summary>The input of <see cref="TriggerBuildActivity"/>.</summary>
/// <param name="ProvisionId">The provision the build is for: the build server's idempotency key.</param>
/// <param name="Job">The job to build.</param>
/// <param name="Parameters">The build parameters.</param>
public sealed record TriggerBuildInput(string ProvisionId, BuildJobRef Job, IReadOnlyDictionary<string, string> Parameters);

/// <summary>The input of <see cref="GetIngressAddressActivity"/>.</summary>
/// <param name="Namespace">The namespace the Ingress is in.</param>
/// <param name="IngressName">The Ingress.</param>
public sealed record IngressAddressQuery(string Namespace, string IngressName);
