using System.Net;
using k8s;
using Microsoft.Extensions.Configuration;
using Provisioner.Sandbox;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Local.Sandbox;

/// <summary>
/// Which of the runner's Jenkins and Kubernetes run on this machine: the sandbox's in the runner,
/// and those its settings name on loopback (the sandbox run as a process of its own, or a kind,
/// k3d or minikube cluster). Such a system answers in seconds, so a provision polls it every second
/// or two (<see cref="SandboxPolling"/>); and a cluster on loopback serves its sites on loopback too,
/// where no public DNS record points, so the live probe asks no DNS server about their domains
/// (<see cref="SandboxHostNameResolver"/>).
/// </summary>
internal static class OnThisMachine
{
    public static SandboxIntegrations Integrations(IConfiguration settings, SandboxEnvironment? sandbox)
    {
        var local = sandbox?.Integrations ?? SandboxIntegrations.None;
        if (Uri.TryCreate(settings[SettingNames.JenkinsUrl], UriKind.Absolute, out var jenkins) && IsLoopback(jenkins))
        {
            local |= SandboxIntegrations.Jenkins;
        }

        if (ClusterServer(settings) is { } cluster && IsLoopback(cluster))
        {
            local |= SandboxIntegrations.Kubernetes;
        }

        return local & (SandboxIntegrations.Jenkins | SandboxIntegrations.Kubernetes);
    }

    private static Uri? ClusterServer(IConfiguration settings)
    {
        try
        {
            KubernetesClientConfiguration? cluster = null;
            if (settings[SettingNames.KubeConfigContent] is { Length: > 0 } content && !string.IsNullOrWhiteSpace(content))
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content));
                cluster = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
            }
            else if (settings[SettingNames.KubeConfigPath] is { Length: > 0 } path && File.Exists(path))
            {
                cluster = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            }

            return Uri.TryCreate(cluster?.Host, UriKind.Absolute, out var server) ? server : null;
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException or IOException or FormatException or InvalidOperationException or UnauthorizedAccessException)
        {
            // An unreadable kubeconfig is reported, with what to fix, by the Kubernetes integration when it is used.
            return null;
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
