using k8s;
using k8s.Models;
using Provisioner.Sandbox;

namespace Provisioner.Sandbox.Tests.Support;

/// <summary>The sandbox's cluster through KubernetesClient and its kubeconfig, as any client sees it.</summary>
internal sealed class SandboxCluster(SandboxEnvironment sandbox) : IDisposable
{
    public k8s.Kubernetes Client { get; } = new(KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.Kubernetes!.KubeconfigPath));

    public string Namespace => sandbox.Kubernetes!.Namespace;

    /// <summary>Waits until the Deployment's every replica is updated and available.</summary>
    public Task<V1Deployment> WaitForRolloutAsync(string name) => Eventually.WaitAsync(
        $"deployment {name} rolling out",
        () => Client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace),
        d => d.Status?.AvailableReplicas == d.Spec.Replicas && d.Status?.UpdatedReplicas == d.Spec.Replicas && d.Status?.Replicas == d.Spec.Replicas,
        describe: d => KubernetesJson.Serialize(d.Status));

    /// <summary>Applies an Ingress manifest (server-side apply, as the pipeline does) and waits for its address.</summary>
    public async Task<V1IngressLoadBalancerIngress> ApplyIngressAsync(string manifest)
    {
        var ingress = KubernetesYaml.Deserialize<V1Ingress>(manifest);
        await Client.NetworkingV1.PatchNamespacedIngressAsync(new V1Patch(ingress, V1Patch.PatchType.ApplyPatch), ingress.Metadata.Name, Namespace, fieldManager: "provisioner");
        var addressed = await Eventually.WaitAsync(
            $"ingress {ingress.Metadata.Name} getting an address",
            () => Client.NetworkingV1.ReadNamespacedIngressAsync(ingress.Metadata.Name, Namespace),
            i => i.Status?.LoadBalancer?.Ingress is { Count: > 0 });
        return addressed.Status.LoadBalancer.Ingress[0];
    }

    public void Dispose() => Client.Dispose();
}
