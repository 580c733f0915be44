using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Provisioner.Simulators.Common.Diagnostics;
using Provisioner.Simulators.Common.Hosting;
using Provisioner.Simulators.Kubernetes.Api;
using Provisioner.Simulators.Kubernetes.Controllers;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes;

/// <summary>
/// A Kubernetes API server on 127.0.0.1 with a control plane behind it: discovery and OpenAPI,
/// Deployments, ReplicaSets, Pods, Services, Events, Namespaces and Ingresses with server-side apply
/// and watches, controllers that roll out pods and give Ingresses an address, bearer-token auth, a
/// request log and fault injection. kubectl and the KubernetesClient package use it through the
/// kubeconfig it writes, as they would a cluster. Start one per test.
/// </summary>
public sealed class KubernetesSimulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ControlPlane? controlPlane;
    private readonly LoopbackCertificateAuthority authority;

    private KubernetesSimulator(WebApplication app, ControlPlane? controlPlane, LoopbackCertificateAuthority authority, KubernetesSimulatorOptions options, ClusterState state, RequestLog log, FaultInjector faults, Uri baseUrl)
    {
        this.app = app;
        this.controlPlane = controlPlane;
        this.authority = authority;
        Options = options;
        State = state;
        Log = log;
        Faults = faults;
        BaseUrl = baseUrl;
        CertificateAuthorityPem = authority.CertificatePem;
        Kubeconfig = Kubernetes.Kubeconfig.Render(baseUrl, CertificateAuthorityPem, options.Token, options.Namespace);
    }

    /// <summary>The API server's root, e.g. <c>https://127.0.0.1:5123/</c> (https: kubectl sends credentials only over TLS).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The options it runs with (the access policy and image scripts apply to the next request or pod).</summary>
    public KubernetesSimulatorOptions Options { get; }

    /// <summary>The cluster's objects.</summary>
    public ClusterState State { get; }

    /// <summary>Every request answered.</summary>
    public RequestLog Log { get; }

    /// <summary>Faults to inject (paths are the API's, e.g. <c>/apis/apps/v1/namespaces/sites/deployments/.*</c>).</summary>
    public FaultInjector Faults { get; }

    /// <summary>The PEM of the certificate authority that signed the server's certificate (the kubeconfig carries it).</summary>
    public string CertificateAuthorityPem { get; }

    /// <summary>A kubeconfig (YAML) with the server's URL and certificate authority, the token and the namespace as default.</summary>
    public string Kubeconfig { get; }

    /// <summary>The path <see cref="WriteKubeconfig"/> last wrote, if any.</summary>
    public string? KubeconfigPath { get; private set; }

    /// <summary>The last failure inside the controllers, if any (a simulator defect; tests assert it is null).</summary>
    public Exception? ControllerError => controlPlane?.LastError;

    /// <summary>Starts a simulator on 127.0.0.1 at <paramref name="port"/> (0: a free port).</summary>
    public static async Task<KubernetesSimulator> StartAsync(KubernetesSimulatorOptions? options = null, int port = 0, CancellationToken cancellationToken = default)
    {
        options ??= new KubernetesSimulatorOptions();
        var store = new ObjectStore(options.TimeProvider, options.WatchHistory);
        var state = new ClusterState(store);
        state.AddNamespace("default");
        state.AddNamespace(options.Namespace);
        var log = new RequestLog();
        var faults = new FaultInjector();

        var authority = new LoopbackCertificateAuthority("Provisioner Kubernetes simulator CA");
        var builder = SimulatorHosting.CreateLoopbackBuilder(port, authority.IssueServerCertificate("127.0.0.1", "localhost"));
        var app = builder.Build();
        app.UseSimulatorDiagnostics(log, faults, KubernetesFaults.Options);
        app.UseMiddleware<TokenAuthMiddleware>(options);
        app.MapDiscovery();
        app.MapResources(store, options);
        await app.StartAsync(cancellationToken);

        ControlPlane? controlPlane = null;
        if (options.RunControllers)
        {
            controlPlane = new ControlPlane(store, options);
            controlPlane.Start();
        }

        return new KubernetesSimulator(app, controlPlane, authority, options, state, log, faults, app.BaseUrl());
    }

    /// <summary>Writes <see cref="Kubeconfig"/> to a file readable only by its owner and returns the path.</summary>
    public string WriteKubeconfig(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Kubeconfig);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        KubeconfigPath = Path.GetFullPath(path);
        return KubeconfigPath;
    }

    /// <summary>Stops the controllers and the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (controlPlane is not null)
        {
            await controlPlane.DisposeAsync();
        }

        await app.StopAsync();
        await app.DisposeAsync();
        authority.Dispose();
    }
}
