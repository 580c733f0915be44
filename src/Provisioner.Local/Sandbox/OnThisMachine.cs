using System.Net;
using k8s;
using Microsoft.Extensions.Configuration;
using Provisioner.Local.Settings;
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
            if (IntegrationChoice.RealKubeconfig(settings) is not { } kubeconfig)
            {
                return null;
            }

            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(kubeconfig));
            return Uri.TryCreate(KubernetesClientConfiguration.BuildConfigFromConfigFile(stream).Host, UriKind.Absolute, out var server) ? server : null;
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException or IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            // An unreadable kubeconfig is reported, with what to fix, by the Kubernetes integration when it is used.
            return null;
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
