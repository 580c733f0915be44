namespace Provisioner.Sandbox;

/// <summary>The sandbox's GitHub: its addresses, the sites repository and the credentials of each party.</summary>
/// <param name="ServerUrl">The server's root, Provisioner's <c>GITHUB_API_URL</c> (Octokit adds <c>api/v3/</c>).</param>
/// <param name="ApiUrl">The REST API's root, e.g. <c>http://127.0.0.1:5123/api/v3/</c>.</param>
/// <param name="Owner">The owner of the sites repository.</param>
/// <param name="Repository">The sites repository.</param>
/// <param name="DevOpsTeam">The team that reviews.</param>
/// <param name="Token">Provisioner's token (<c>GITHUB_TOKEN</c>).</param>
/// <param name="Reviewer">The login of a member of the DevOps team (<c>{team}-reviewer</c>), who merges and closes pull requests.</param>
/// <param name="ReviewerToken">The reviewer's token, for acting as the DevOps team: merging or closing pull requests.</param>
/// <param name="WebhookSecret">The secret the webhooks are signed with (<c>WEBHOOK_SECRET</c>).</param>
public sealed record SandboxGitHub(Uri ServerUrl, Uri ApiUrl, string Owner, string Repository, string DevOpsTeam, string Token, string Reviewer, string ReviewerToken, string WebhookSecret);

/// <summary>The sandbox's Jenkins: its address, Provisioner's user and a user for people.</summary>
/// <param name="Url">Jenkins' root URL.</param>
/// <param name="User">Provisioner's user (<c>JENKINS_USER</c>).</param>
/// <param name="Token">Provisioner's API token (<c>JENKINS_TOKEN</c>).</param>
/// <param name="OperatorUser">A user for people and scripts to look at jobs and builds with.</param>
/// <param name="OperatorToken">That user's API token.</param>
public sealed record SandboxJenkins(Uri Url, string User, string Token, string OperatorUser, string OperatorToken);

/// <summary>The sandbox's Kubernetes: the kubeconfig that reaches it and where sites run.</summary>
/// <param name="KubeconfigPath">The kubeconfig file (<c>kubectl --kubeconfig PATH get pods -n sites</c>).</param>
/// <param name="Namespace">The namespace sites run in.</param>
/// <param name="IngressClass">The Ingress class its ingress controller serves.</param>
/// <param name="IngressUrlTemplate">A site's address through the ingress controller, <c>http://{domain}.localhost:PORT/</c>.</param>
public sealed record SandboxKubernetes(string KubeconfigPath, string Namespace, string IngressClass, string IngressUrlTemplate);
