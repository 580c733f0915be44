using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Options;
using Provisioner.Workflow.Hosting;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Kubernetes.Connection;

/// <summary>
/// The client for the cluster the settings name, built on first use and again when the credentials
/// change (a rotated <c>KUBECONFIG_CONTENT</c>): the secret's content first, then the
/// <c>KUBECONFIG</c> file, then in-cluster. Missing or unusable settings fail the call with
/// <see cref="IntegrationNotConfiguredException"/>; no message carries the kubeconfig's content.
/// </summary>
internal sealed class KubernetesConnection(IOptionsMonitor<KubernetesOptions> options, ISecretProvider secrets) : IDisposable
{
    private readonly Lock sync = new();
    private (string Fingerprint, IKubernetes Client)? current;

    public async Task<IKubernetes> ClientAsync(CancellationToken cancellationToken)
    {
        var content = await secrets.GetSecretAsync(SettingNames.KubeConfigContent, cancellationToken);
        string fingerprint;
        Func<KubernetesClientConfiguration> build;
        if (!string.IsNullOrWhiteSpace(content))
        {
            fingerprint = "content:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
            build = () =>
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
                return KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
            };
        }
        else if (Settings().KubeConfigPath is { Length: > 0 } path)
        {
            fingerprint = "file:" + path + ":" + File.GetLastWriteTimeUtc(path).Ticks;
            build = () => KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            fingerprint = "in-cluster";
            build = KubernetesClientConfiguration.InClusterConfig;
        }
        else
        {
            throw new IntegrationNotConfiguredException("Kubernetes", $"{SettingNames.KubeConfigContent} (a kubeconfig, e.g. from Key Vault) or {SettingNames.KubeConfigPath} (a kubeconfig file), or run in-cluster");
        }

        lock (sync)
        {
            if (current is { } known && known.Fingerprint == fingerprint)
            {
                return known.Client;
            }
        }

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = build();
        }
        catch (Exception ex) when (ex is KubeConfigException or InvalidOperationException or FormatException or YamlDotNet.Core.YamlException or IOException)
        {
            // The exception's own text may quote the kubeconfig: only its type goes into the message.
            var source = fingerprint.StartsWith("content:", StringComparison.Ordinal) ? SettingNames.KubeConfigContent
                : fingerprint == "in-cluster" ? "the in-cluster service account" : $"{SettingNames.KubeConfigPath} ({Settings().KubeConfigPath})";
            throw new IntegrationNotConfiguredException("Kubernetes", $"{source} to a valid kubeconfig: it could not be read ({ex.GetType().Name})");
        }

        var client = new k8s.Kubernetes(configuration);
        lock (sync)
        {
            // A replaced client may still serve a call in flight: it is left to the garbage collector.
            current = (fingerprint, client);
        }

        return client;
    }

    // Read only when the secret gives no kubeconfig, so a stale KUBECONFIG does not shadow a valid KUBECONFIG_CONTENT.
    private KubernetesOptions Settings()
    {
        try
        {
            return options.CurrentValue;
        }
        catch (OptionsValidationException ex)
        {
            throw new IntegrationNotConfiguredException("Kubernetes", string.Join("; ", ex.Failures));
        }
    }

    public void Dispose()
    {
        lock (sync)
        {
            (current?.Client as IDisposable)?.Dispose();
            current = null;
        }
    }
}
