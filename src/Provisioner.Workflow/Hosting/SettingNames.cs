namespace Provisioner.Workflow.Hosting;

/// <summary>
/// Every setting the app reads, by its app-setting name. Code reads configuration only through
/// these names, so tests can check that <c>local.settings.sample.json</c> and the Bicep app
/// settings name every one of them.
/// </summary>
public static class SettingNames
{
    // Provisioning behaviour.

    /// <summary>How long a pull request may wait for a merge (TimeSpan, e.g. <c>7.00:00:00</c>). Default 7 days.</summary>
    public const string ApprovalTimeout = "APPROVAL_TIMEOUT";

    /// <summary>Comma-separated parent domains a provision may use (e.g. <c>example.com,example.org</c>); empty allows any.</summary>
    public const string AllowedParentDomains = "ALLOWED_PARENT_DOMAINS";

    /// <summary>How long a Jenkins build may take (TimeSpan). Default 1 hour.</summary>
    public const string BuildTimeout = "BUILD_TIMEOUT";

    /// <summary>How long a rollout may take (TimeSpan). Default 15 minutes.</summary>
    public const string RolloutTimeout = "ROLLOUT_TIMEOUT";

    /// <summary>How long the live site may take to answer through its ingress once routed (TimeSpan); <c>0</c> turns the probe off. Default 10 minutes.</summary>
    public const string LiveProbeTimeout = "LIVE_PROBE_TIMEOUT";

    // Templates.

    /// <summary>Folder of the local template catalog. Default: the repository's <c>templates/</c>.</summary>
    public const string TemplateRoot = "TEMPLATE_ROOT";

    /// <summary>Optional GitHub repositories (<c>owner/repo</c>, comma-separated) holding more templates.</summary>
    public const string TemplateRepos = "TEMPLATE_REPOS";

    /// <summary>Registry and path prefix of site images (e.g. <c>myregistry.azurecr.io/sites</c>); a site's image is <c>{registry}/{app name}</c>.</summary>
    public const string ContainerRegistry = "CONTAINER_REGISTRY";

    // GitHub.

    /// <summary>Secret: the GitHub token (contents, pull requests: write; members: read for team review).</summary>
    public const string GitHubToken = "GITHUB_TOKEN";

    /// <summary>Owner (organization or user) of the sites repository.</summary>
    public const string GitHubOwner = "GITHUB_OWNER";

    /// <summary>Name of the sites repository.</summary>
    public const string GitHubRepo = "GITHUB_REPO";

    /// <summary>Slug of the DevOps team asked to review.</summary>
    public const string GitHubDevOpsTeamSlug = "GITHUB_DEVOPS_TEAM_SLUG";

    /// <summary>GitHub API base URL override (GitHub Enterprise Server, the simulator). Default github.com.</summary>
    public const string GitHubApiUrl = "GITHUB_API_URL";

    /// <summary>Optional streamable-HTTP endpoint of a GitHub MCP server; when set, the PR is opened through it first.</summary>
    public const string McpGitHubServerEndpoint = "MCP_GITHUB_SERVER_ENDPOINT";

    /// <summary>Secret: the GitHub webhook secret that signs deliveries.</summary>
    public const string WebhookSecret = "WEBHOOK_SECRET";

    // Jenkins.

    /// <summary>Jenkins base URL.</summary>
    public const string JenkinsUrl = "JENKINS_URL";

    /// <summary>Jenkins user the API token belongs to.</summary>
    public const string JenkinsUser = "JENKINS_USER";

    /// <summary>Secret: the Jenkins API token.</summary>
    public const string JenkinsToken = "JENKINS_TOKEN";

    /// <summary>Jenkins folder (path, <c>/</c>-separated) holding the site jobs. Default <c>provisioned-sites</c>.</summary>
    public const string JenkinsFolder = "JENKINS_FOLDER";

    /// <summary>Id of the Jenkins credential the site jobs clone the sites repository with (a private repository needs one); empty clones anonymously.</summary>
    public const string JenkinsGitCredentialsId = "JENKINS_GIT_CREDENTIALS_ID";

    // Kubernetes.

    /// <summary>The Kubernetes namespace sites run in. Default <c>sites</c>.</summary>
    public const string KubernetesNamespace = "K8S_NAMESPACE_DEFAULT";

    /// <summary>The <c>ingressClassName</c> of site Ingresses. Default <c>nginx</c>.</summary>
    public const string KubernetesIngressClass = "K8S_INGRESS_CLASS";

    /// <summary>Optional cert-manager ClusterIssuer; when set, Ingresses get TLS through it.</summary>
    public const string KubernetesClusterIssuer = "K8S_CLUSTER_ISSUER";

    /// <summary>
    /// Optional name of the Secret in the sites namespace holding the Ingresses' certificate (e.g. a
    /// wildcard one); when set, Ingresses get TLS with it. With <see cref="KubernetesClusterIssuer"/>
    /// and without this, cert-manager writes each site's certificate to <c>{app name}-tls</c>.
    /// </summary>
    public const string KubernetesTlsSecretName = "K8S_TLS_SECRET_NAME";

    /// <summary>Path of a kubeconfig file; unset means in-cluster credentials.</summary>
    public const string KubeConfigPath = "KUBECONFIG";

    /// <summary>Secret: a whole kubeconfig, e.g. from Key Vault; wins over <see cref="KubeConfigPath"/>.</summary>
    public const string KubeConfigContent = "KUBECONFIG_CONTENT";

    // Azure.

    /// <summary>Key Vault URI for secrets not given as app settings.</summary>
    public const string KeyVaultUri = "KEY_VAULT_URI";

    /// <summary>The settings that are secrets: never logged, never returned, resolvable from Key Vault.</summary>
    public static IReadOnlyList<string> Secrets { get; } = [GitHubToken, WebhookSecret, JenkinsToken, KubeConfigContent];
}
