using System.Net;
using System.Security.Cryptography;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Api.Tests.TestDoubles;
using Provisioner.Jenkins;
using Provisioner.Kubernetes;
using Provisioner.Kubernetes.Tests.Kubectl;
using Provisioner.Kubernetes.Probe;
using Provisioner.Simulators.Jenkins;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Simulators.Jenkins.Security;
using Provisioner.Simulators.Kubernetes;
using Provisioner.Templates;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Api.Tests.Simulated;

/// <summary>
/// Jenkins and Kubernetes as the pipeline meets them, on loopback: the Jenkins simulator running
/// scripted builds that deploy the pull request's manifests, the Kubernetes API-server simulator
/// with its controllers, and an ingress controller stand-in at the address and port the simulator
/// gives Ingresses. <see cref="Register"/> puts the app's real Jenkins, Kubernetes and template
/// integrations behind the activities, configured as the app configures them.
/// </summary>
internal sealed class SimulatedDelivery : IAsyncDisposable
{
    public const string Namespace = "sites";
    public const string IngressClass = "nginx";
    public const string JenkinsUser = "provisioner";

    private readonly string directory;
    private ScriptedSourceControl? sourceControl;

    private SimulatedDelivery(JenkinsSimulator jenkins, KubernetesSimulator kubernetes, string directory, string kubeconfigPath)
    {
        Jenkins = jenkins;
        Kubernetes = kubernetes;
        this.directory = directory;
        KubeconfigPath = kubeconfigPath;
        Cluster = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
    }

    /// <summary>The Jenkins user's API token; assembled at run time so the repository holds nothing a secret scanner flags.</summary>
    public static string JenkinsToken { get; } = "11" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public JenkinsSimulator Jenkins { get; }

    public KubernetesSimulator Kubernetes { get; }

    public IngressControllerStandIn Ingress { get; private set; } = null!;

    public string KubeconfigPath { get; }

    /// <summary>A client of the simulated cluster, as another of its users (kubectl, a Jenkins agent).</summary>
    public IKubernetes Cluster { get; }

    /// <summary>The real kubectl against the simulated cluster, to check what the pipeline made and saw with an independent client.</summary>
    public KubectlRunner Kubectl => new(KubeconfigPath, Path.Combine(directory, "kubectl-cache"));

    /// <summary>What DNS says of a name: the probe asks this table, never a DNS server.</summary>
    public Dictionary<string, IPAddress[]> Dns { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<SimulatedDelivery> StartAsync()
    {
        var jenkinsOptions = new JenkinsSimulatorOptions();
        jenkinsOptions.Users.Clear();
        jenkinsOptions.Users.Add(new JenkinsUser(JenkinsUser, "password-" + Guid.NewGuid().ToString("N"), JenkinsToken));
        jenkinsOptions.Scripts.Default = new BuildScript
        {
            QueueWait = TimeSpan.FromMilliseconds(300),
            Duration = TimeSpan.FromSeconds(1),
            ConsoleLines = ["[Pipeline] stage (Checkout)", "[Pipeline] stage (Build image)", "[Pipeline] stage (Push image)"],
        };
        var kubernetesOptions = new KubernetesSimulatorOptions
        {
            Namespace = Namespace,
            IngressClass = IngressClass,
            IngressAddress = "127.0.0.1",
            Timings = new ControllerTimings
            {
                Tick = TimeSpan.FromMilliseconds(20),
                Schedule = TimeSpan.FromMilliseconds(50),
                Pull = TimeSpan.FromMilliseconds(100),
                Ready = TimeSpan.FromMilliseconds(600),
                BackOff = TimeSpan.FromMilliseconds(100),
                IngressAddress = TimeSpan.FromMilliseconds(300),
                ProgressDeadline = TimeSpan.FromSeconds(3),
            },
        };

        var directory = Directory.CreateTempSubdirectory("pipeline-tests-").FullName;
        var kubernetes = await KubernetesSimulator.StartAsync(kubernetesOptions);
        SimulatedDelivery? delivery = null;
        jenkinsOptions.Executor = new DeployingBuildExecutor(
            provisionId => delivery!.PullRequestFiles(provisionId),
            () => delivery!.Cluster);
        var jenkins = await JenkinsSimulator.StartAsync(jenkinsOptions);
        delivery = new SimulatedDelivery(jenkins, kubernetes, directory, kubernetes.WriteKubeconfig(Path.Combine(directory, "kubeconfig")));
        delivery.Ingress = await IngressControllerStandIn.StartAsync(delivery.Cluster, IngressClass, Namespace);
        kubernetesOptions.IngressPort = delivery.Ingress.Port;
        return delivery;
    }

    /// <summary>Where the deploying builds read the pull request's manifests (the provisions' source control).</summary>
    public void ReadPullRequestsFrom(ScriptedSourceControl pullRequests) => sourceControl = pullRequests;

    /// <summary>The app settings that point the integrations at the simulators (the host's secret provider reads <c>JENKINS_TOKEN</c> from them).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        [SettingNames.JenkinsUrl] = Jenkins.BaseUrl.ToString(),
        [SettingNames.JenkinsUser] = JenkinsUser,
        [SettingNames.JenkinsToken] = JenkinsToken,
        [SettingNames.KubeConfigPath] = KubeconfigPath,
        [SettingNames.KubernetesNamespace] = Namespace,
        [SettingNames.KubernetesIngressClass] = IngressClass,
    };

    /// <summary>Registers the real template, Jenkins and Kubernetes integrations, configured with <see cref="Settings"/>.</summary>
    public void Register(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        services.AddSingleton<IHostNameResolver>(new TableResolver(Dns));
        services.AddTemplates(configuration);
        services.AddJenkinsBuildServer(configuration);
        services.AddKubernetesCluster(configuration);
    }

    public async ValueTask DisposeAsync()
    {
        await Ingress.DisposeAsync();
        await Jenkins.DisposeAsync();
        Assert.Null(Kubernetes.ControllerError);
        await Kubernetes.DisposeAsync();
        Cluster.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private IReadOnlyList<Workflow.Integrations.Templates.RenderedFile> PullRequestFiles(string provisionId) =>
        (sourceControl ?? throw new InvalidOperationException("Call ReadPullRequestsFrom first.")).Requests.Single(r => r.ProvisionId == provisionId).Files;

    private sealed class TableResolver(Dictionary<string, IPAddress[]> table) : IHostNameResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>(table.TryGetValue(hostName, out var addresses) ? addresses : []);
    }
}
