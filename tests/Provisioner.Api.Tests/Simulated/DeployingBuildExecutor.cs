using k8s;
using k8s.Models;
using Provisioner.Simulators.Jenkins.Builds;
using Provisioner.Workflow.Integrations.Ci;
using Provisioner.Workflow.Integrations.Templates;

namespace Provisioner.Api.Tests.Simulated;

/// <summary>
/// A Jenkins build as the site's Jenkinsfile runs it, in spirit: it takes as long and ends as its
/// script says, and a build that succeeds then does what the Deploy stage does — applies the site's
/// <c>k8s/service.yaml</c> and <c>k8s/deployment.yaml</c> from the provision's pull request, the
/// container's image set to the tag just built (<c>IMAGE:&lt;commit12&gt;-&lt;build&gt;</c>), through the Kubernetes API.
/// </summary>
internal sealed class DeployingBuildExecutor(Func<string, IReadOnlyList<RenderedFile>> pullRequestFiles, Func<IKubernetes> cluster) : IBuildExecutor
{
    private const string FieldManager = "jenkins";

    public async Task<BuildResult> ExecuteAsync(BuildExecution execution, CancellationToken cancellationToken)
    {
        var result = await ScriptedBuildExecutor.Instance.ExecuteAsync(execution, cancellationToken);
        if (result != BuildResult.Success)
        {
            return result;
        }

        var parameters = execution.Parameters;
        var sitePath = parameters["SITE_PATH"];
        var files = pullRequestFiles(parameters[BuildParameterNames.ProvisionId]);
        var image = $"{parameters["IMAGE"]}:{parameters[BuildParameterNames.GitCommit][..12]}-{execution.Number}";
        var service = KubernetesYaml.Deserialize<V1Service>(File(files, sitePath + "/k8s/service.yaml"));
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(File(files, sitePath + "/k8s/deployment.yaml"));
        deployment.Spec.Template.Spec.Containers.Single(c => c.Name == "app").Image = image;

        await execution.Console.WriteLineAsync("[Pipeline] stage (Deploy)");
        await execution.Console.WriteLineAsync($"+ kubectl -n {service.Metadata.NamespaceProperty} apply --server-side -f {sitePath}/k8s/service.yaml");
        await execution.Console.WriteLineAsync($"+ kubectl -n {deployment.Metadata.NamespaceProperty} apply --server-side -f - (image {image})");
        var kube = cluster();
        await kube.CoreV1.PatchNamespacedServiceAsync(new V1Patch(service, V1Patch.PatchType.ApplyPatch), service.Metadata.Name, service.Metadata.NamespaceProperty,
            fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
        await kube.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(deployment, V1Patch.PatchType.ApplyPatch), deployment.Metadata.Name, deployment.Metadata.NamespaceProperty,
            fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
        return BuildResult.Success;
    }

    private static string File(IReadOnlyList<RenderedFile> files, string path) =>
        files.SingleOrDefault(f => f.Path == path)?.Content ?? throw new InvalidOperationException($"The pull request has no {path}.");
}
