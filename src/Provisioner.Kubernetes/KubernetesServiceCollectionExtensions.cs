using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provisioner.Kubernetes.Connection;
using Provisioner.Kubernetes.Probe;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations.Cluster;

namespace Provisioner.Kubernetes;

/// <summary>Registers the Kubernetes cluster client and the live-site probe.</summary>
public static class KubernetesServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="IClusterClient"/> the Kubernetes implementation (replacing any placeholder) and
    /// adds the <see cref="ILiveSiteProbe"/>. Credentials: <c>KUBECONFIG_CONTENT</c> through
    /// <see cref="ISecretProvider"/> (a configuration-backed one is added when none is registered), else
    /// the <c>KUBECONFIG</c> file bound from <paramref name="configuration"/>, else in-cluster. Missing or
    /// invalid settings fail the call with an IntegrationNotConfiguredException saying what to set, not
    /// the app's start.
    /// </summary>
    public static IServiceCollection AddKubernetesCluster(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<ISecretProvider>(_ => new ConfigurationSecretProvider(configuration));
        services.AddOptions<KubernetesOptions>().Bind(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>());
        services.TryAddSingleton(new KubernetesClientOptions());
        services.TryAddSingleton(new LiveProbeOptions());
        services.TryAddSingleton<IHostNameResolver, DnsHostNameResolver>();
        services.TryAddSingleton<KubernetesConnection>();
        services.Replace(ServiceDescriptor.Singleton<IClusterClient>(sp => new KubernetesClusterClient(
            sp.GetRequiredService<KubernetesConnection>(),
            sp.GetRequiredService<KubernetesClientOptions>(),
            Loggers(sp).CreateLogger<KubernetesClusterClient>())));
        services.Replace(ServiceDescriptor.Singleton<ILiveSiteProbe>(sp => new HttpLiveSiteProbe(
            sp.GetRequiredService<IHostNameResolver>(),
            sp.GetRequiredService<LiveProbeOptions>(),
            Loggers(sp).CreateLogger<HttpLiveSiteProbe>())));
        return services;
    }

    private static ILoggerFactory Loggers(IServiceProvider services) => services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
