using Microsoft.Extensions.Configuration;
using Provisioner.Workflow.Hosting;

namespace Provisioner.Kubernetes.Connection;

/// <summary>
/// Where the cluster's credentials come from, bound from the app settings. <c>KUBECONFIG_CONTENT</c>
/// (a secret) is read through <see cref="ISecretProvider"/> and wins; then this path; then the pod's
/// in-cluster service account.
/// </summary>
public sealed class KubernetesOptions
{
    /// <summary>Path of a kubeconfig file (<c>KUBECONFIG</c>); its current context is used.</summary>
    [ConfigurationKeyName(SettingNames.KubeConfigPath)]
    public string? KubeConfigPath { get; set; }
}
