using k8s.Models;

namespace Provisioner.Kubernetes.Tests.Support;

/// <summary>Objects shaped as the site templates render them.</summary>
internal static class Manifests
{
    public static V1Deployment Deployment(string name, string image, int replicas = 2, string ns = KubernetesTestBed.Namespace) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name } },
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container { Name = "app", Image = image, Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }] }],
                },
            },
        },
    };
}
