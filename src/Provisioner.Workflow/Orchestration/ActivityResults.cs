using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.SourceControl;

namespace Provisioner.Workflow.Orchestration;

/// <summary>What <see cref="ActivityNames.OpenPullRequest"/> returns.</summary>
/// <param name="PullRequest">The pull request.</param>
/// <param name="BuildParameters">The template's Jenkins build parameters.</param>
public sealed record PullRequestOpened(PullRequestRef PullRequest, IReadOnlyDictionary<string, string> BuildParameters);

/// <summary>The input of <see cref="ActivityNames.ClosePullRequest"/>.</summary>
/// <param name="Number">The pull request.</param>
/// <param name="Reason">The comment left on it.</param>
public sealed record ClosePullRequestInput(int Number, string Reason);

/// <summary>The input of <see cref="ActivityNames.TriggerBuild"/>.</summary>
/// <param name="ProvisionId">The provision the build is for: the build server's idempotency key.</param>
/// <param name="Job">The job to build.</param>
/// <param name="Parameters">The build parameters.</param>
public sealed record TriggerBuildInput(string ProvisionId, BuildJobRef Job, IReadOnlyDictionary<string, string> Parameters);
