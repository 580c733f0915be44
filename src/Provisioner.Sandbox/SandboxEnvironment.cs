using System.Security.Cryptography;
using Provisioner.Sandbox.Builds;
using Provisioner.Sandbox.Cluster;
using Provisioner.Sandbox.Ingress;
using Provisioner.Sandbox.Registry;
using Provisioner.Simulators.GitHub;
using Provisioner.Simulators.Jenkins;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Simulators.Jenkins.Security;
using Provisioner.Simulators.Kubernetes;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Sandbox;

/// <summary>
/// GitHub, Jenkins and Kubernetes on 127.0.0.1, wired to each other as the real systems are: a
/// merge in GitHub delivers the signed webhook to the host's receiver; a build of a site job checks
/// the merge commit out of GitHub (its REST API), "builds" and pushes the image, and applies the
/// site's Service and Deployment to Kubernetes (its API); Kubernetes rolls them out and gives the
/// site's Ingress the address of the ingress controller stand-in, which serves the site. Systems
/// left out (<see cref="SandboxOptions.Integrations"/>) are real ones the others are pointed at.
/// Secrets are fresh on every start. Everything lives in memory and is gone when it stops.
/// </summary>
public sealed class SandboxEnvironment : IAsyncDisposable
{
    /// <summary>Provisioner's Jenkins user.</summary>
    public const string JenkinsUser = "provisioner";

    /// <summary>The Jenkins user for people and scripts.</summary>
    public const string JenkinsOperator = "admin";

    private readonly SandboxOptions options;
    private readonly SandboxRegistry registry = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ManifestApplier? applier;
    private string? temporaryKubeconfig;

    private SandboxEnvironment(SandboxOptions options) => this.options = options;

    /// <summary>The systems it stands in for.</summary>
    public SandboxIntegrations Integrations => options.Integrations;

    /// <summary>The GitHub simulator, when GitHub is sandboxed.</summary>
    public GitHubSimulator? GitHubSimulator { get; private set; }

    /// <summary>The Jenkins simulator, when Jenkins is sandboxed.</summary>
    public JenkinsSimulator? JenkinsSimulator { get; private set; }

    /// <summary>The Kubernetes simulator, when Kubernetes is sandboxed.</summary>
    public KubernetesSimulator? KubernetesSimulator { get; private set; }

    /// <summary>The ingress controller stand-in, when Kubernetes is sandboxed.</summary>
    public IngressStandIn? Ingress { get; private set; }

    /// <summary>The sandbox's GitHub, when sandboxed.</summary>
    public SandboxGitHub? GitHub { get; private set; }

    /// <summary>The sandbox's Jenkins, when sandboxed.</summary>
    public SandboxJenkins? Jenkins { get; private set; }

    /// <summary>The sandbox's Kubernetes, when sandboxed.</summary>
    public SandboxKubernetes? Kubernetes { get; private set; }

    /// <summary>Every image the sandbox's Jenkins pushed.</summary>
    public IReadOnlyCollection<string> PushedImages => registry.References;

    /// <summary>
    /// The settings that point Provisioner at the sandboxed systems (<c>GITHUB_API_URL</c>,
    /// <c>GITHUB_TOKEN</c>, <c>JENKINS_URL</c>, <c>KUBECONFIG</c>…), secrets included: they are the
    /// sandbox's own, made for this run.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            if (GitHub is { } gitHub)
            {
                settings[SettingNames.GitHubApiUrl] = gitHub.ServerUrl.ToString();
                settings[SettingNames.GitHubToken] = gitHub.Token;
                settings[SettingNames.GitHubOwner] = gitHub.Owner;
                settings[SettingNames.GitHubRepo] = gitHub.Repository;
                settings[SettingNames.GitHubDevOpsTeamSlug] = gitHub.DevOpsTeam;
                settings[SettingNames.WebhookSecret] = gitHub.WebhookSecret;
            }

            if (Jenkins is { } jenkins)
            {
                settings[SettingNames.JenkinsUrl] = jenkins.Url.ToString();
                settings[SettingNames.JenkinsUser] = jenkins.User;
                settings[SettingNames.JenkinsToken] = jenkins.Token;
            }

            if (Kubernetes is { } kubernetes)
            {
                settings[SettingNames.KubeConfigPath] = kubernetes.KubeconfigPath;
                settings[SettingNames.KubernetesNamespace] = kubernetes.Namespace;
                settings[SettingNames.KubernetesIngressClass] = kubernetes.IngressClass;
            }

            return settings;
        }
    }

    /// <summary>Starts the sandboxed systems; throws (having stopped what had started) when one cannot start, e.g. on a port in use.</summary>
    public static async Task<SandboxEnvironment> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = new SandboxEnvironment(options);
        try
        {
            await environment.StartGitHubAsync(cancellationToken);
            await environment.StartKubernetesAsync(cancellationToken);
            await environment.StartJenkinsAsync(cancellationToken);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Makes the GitHub simulator deliver its webhooks to <paramref name="webhookUrl"/> from now on.</summary>
    public void DeliverWebhooksTo(Uri webhookUrl)
    {
        if (GitHubSimulator is { } simulator)
        {
            simulator.Options.WebhookUrl = webhookUrl;
        }
    }

    /// <summary>Stops every system (running builds end ABORTED) and removes the temporary kubeconfig.</summary>
    public async ValueTask DisposeAsync()
    {
        if (JenkinsSimulator is not null)
        {
            await JenkinsSimulator.DisposeAsync();
        }

        if (Ingress is not null)
        {
            await Ingress.DisposeAsync();
        }

        if (KubernetesSimulator is not null)
        {
            await KubernetesSimulator.DisposeAsync();
        }

        if (GitHubSimulator is not null)
        {
            await GitHubSimulator.DisposeAsync();
        }

        applier?.Dispose();
        http.Dispose();
        if (temporaryKubeconfig is not null)
        {
            File.Delete(temporaryKubeconfig);
        }
    }

    private static string NewSecret(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    private int Port(int offset) => options.PortBase == 0 ? 0 : options.PortBase + offset;

    private bool Sandboxes(SandboxIntegrations integration) => options.Integrations.HasFlag(integration);

    private async Task StartGitHubAsync(CancellationToken cancellationToken)
    {
        if (!Sandboxes(SandboxIntegrations.GitHub))
        {
            return;
        }

        var simulatorOptions = new SimulatorOptions { WebhookSecret = NewSecret(string.Empty), WebhookUrl = options.WebhookUrl };
        var token = NewSecret("ghp_sandbox_");
        var reviewerToken = NewSecret("ghp_reviewer_");
        simulatorOptions.Tokens.Clear();
        simulatorOptions.Tokens.UnionWith([token, reviewerToken, CheckoutToken]);
        var reviewer = options.DevOpsTeam + "-reviewer";
        simulatorOptions.TokenUsers[reviewerToken] = reviewer;
        GitHubSimulator = await GitHubSimulator.StartAsync(simulatorOptions, Port(0), cancellationToken);
        GitHubSimulator.State.SeedRepository(options.Owner, options.Repository);
        GitHubSimulator.State.AddTeam(options.Owner, options.DevOpsTeam);
        GitHub = new SandboxGitHub(GitHubSimulator.BaseUrl, new Uri(GitHubSimulator.BaseUrl, "api/v3/"), options.Owner, options.Repository, options.DevOpsTeam,
            token, reviewer, reviewerToken, simulatorOptions.WebhookSecret);
    }

    // The credential the sandbox's Jenkins clones with: its own when GitHub is sandboxed.
    private string CheckoutToken => field ??= Sandboxes(SandboxIntegrations.GitHub) ? NewSecret("ghp_jenkins_") : options.CheckoutToken ?? string.Empty;

    private async Task StartKubernetesAsync(CancellationToken cancellationToken)
    {
        if (!Sandboxes(SandboxIntegrations.Kubernetes))
        {
            return;
        }

        var simulatorOptions = new KubernetesSimulatorOptions
        {
            Namespace = options.Namespace,
            IngressClass = options.IngressClass,
            IngressAddress = "127.0.0.1",
            Timings = options.Pacing.ControllerTimings(),
        };
        KubernetesSimulator = await KubernetesSimulator.StartAsync(simulatorOptions, Port(2), cancellationToken);
        var path = options.KubeconfigPath;
        if (path is null)
        {
            path = temporaryKubeconfig = Path.Combine(Path.GetTempPath(), $"provisioner-sandbox-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.kubeconfig");
        }

        path = KubernetesSimulator.WriteKubeconfig(path);

        // What an image does when it runs is scripted per pushed image; the kubelet reads it when it starts a pod.
        registry.Pushed += image =>
        {
            if (image.Behavior != ImageBehavior.Runs)
            {
                simulatorOptions.Images[image.Reference] = image.Behavior;
            }
        };
        Ingress = await IngressStandIn.StartAsync(KubernetesSimulator.State, options.IngressClass, registry, Port(3), cancellationToken);
        simulatorOptions.IngressPort = Ingress.Port;
        Kubernetes = new SandboxKubernetes(path, options.Namespace, options.IngressClass, Ingress.UrlTemplate);
    }

    private async Task StartJenkinsAsync(CancellationToken cancellationToken)
    {
        if (!Sandboxes(SandboxIntegrations.Jenkins))
        {
            return;
        }

        var kubeconfig = KubernetesSimulator?.Kubeconfig ?? options.ClusterKubeconfig;
        applier = string.IsNullOrWhiteSpace(kubeconfig) ? null : new ManifestApplier(kubeconfig);
        var settings = new SandboxBuildSettings(CheckoutToken, applier, registry, options.Pacing, http);
        var simulatorOptions = new JenkinsSimulatorOptions { Executors = options.Pacing.Executors, Executor = new SandboxBuildExecutor(settings) };
        simulatorOptions.Scripts.Default = new BuildScript { QueueWait = options.Pacing.QueueWait };
        var token = NewSecret("jenkins_");
        var operatorToken = NewSecret("jenkins_admin_");
        simulatorOptions.Users.Clear();
        simulatorOptions.Users.Add(new JenkinsUser(JenkinsUser, NewSecret(string.Empty), token));
        simulatorOptions.Users.Add(new JenkinsUser(JenkinsOperator, NewSecret(string.Empty), operatorToken));
        JenkinsSimulator = await JenkinsSimulator.StartAsync(simulatorOptions, Port(1), cancellationToken);
        Jenkins = new SandboxJenkins(JenkinsSimulator.BaseUrl, JenkinsUser, token, JenkinsOperator, operatorToken);
    }
}
