using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Kubernetes.Connection;
using Provisioner.Kubernetes.Probe;
using Provisioner.Simulators.Kubernetes;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Cluster;
using Provisioner.Workflow.Model;

namespace Provisioner.Kubernetes.Tests.Support;

/// <summary>A simulator with quick controllers, its kubeconfig on disk, and the integration wired to it through DI as the app wires it.</summary>
internal sealed class KubernetesTestBed : IAsyncDisposable
{
    public const string Namespace = "sites";

    private readonly string directory;

    private KubernetesTestBed(KubernetesSimulator simulator, string directory)
    {
        Simulator = simulator;
        this.directory = directory;
        KubeconfigPath = simulator.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
    }

    public KubernetesSimulator Simulator { get; }

    public string KubeconfigPath { get; }

    /// <summary>A KubernetesClient for setting up and reading back, as another user of the cluster would.</summary>
    public IKubernetes Kube => new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    public static SiteIdentity Site(string domain = "shop.example.com") => SiteIdentity.For(domain, Namespace);

    public static async Task<KubernetesTestBed> StartAsync(Action<KubernetesSimulatorOptions>? configure = null)
    {
        var options = new KubernetesSimulatorOptions
        {
            Timings = new ControllerTimings
            {
                Tick = TimeSpan.FromMilliseconds(20),
                Schedule = TimeSpan.FromMilliseconds(30),
                Pull = TimeSpan.FromMilliseconds(50),
                Ready = TimeSpan.FromMilliseconds(100),
                Crash = TimeSpan.FromMilliseconds(100),
                BackOff = TimeSpan.FromMilliseconds(100),
                IngressAddress = TimeSpan.FromMilliseconds(50),
                ProgressDeadline = TimeSpan.FromSeconds(2),
            },
        };
        configure?.Invoke(options);
        var directory = Directory.CreateTempSubdirectory("k8s-tests-").FullName;
        return new KubernetesTestBed(await KubernetesSimulator.StartAsync(options), directory);
    }

    /// <summary>The integration as registered by the app, with these settings over a KUBECONFIG pointing at the simulator (null removes one).</summary>
    public ServiceProvider Services(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?> { [SettingNames.KubeConfigPath] = KubeconfigPath };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton(new KubernetesClientOptions { RequestTimeout = TimeSpan.FromSeconds(2) });
        var probe = new LiveProbeOptions { Timeout = TimeSpan.FromSeconds(2) };
        services.AddSingleton(probe);
        configure?.Invoke(services);
        services.AddKubernetesCluster(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }

    public IClusterClient Cluster(IDictionary<string, string?>? settings = null) => Services(settings).GetRequiredService<IClusterClient>();

    /// <summary>An HttpClient that trusts the simulator's certificate authority, for raw API calls.</summary>
    public HttpClient Http(bool authenticated = true)
    {
        var authority = X509Certificate2.CreateFromPem(Simulator.CertificateAuthorityPem);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 c && chain.Build(c);
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Simulator.BaseUrl };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", Simulator.Options.Token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Null(Simulator.ControllerError);
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
