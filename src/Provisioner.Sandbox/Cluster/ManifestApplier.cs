using System.Net;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Provisioner.Sandbox.Cluster;

/// <summary>
/// What the Jenkinsfile's Deploy stage does with kubectl, through the Kubernetes API
/// (KubernetesClient) of the cluster a kubeconfig names: <c>kubectl set image --local</c> on the
/// Deployment's <c>app</c> container, then <c>kubectl apply</c> of the Service and the Deployment,
/// as server-side apply with field manager <c>jenkins</c> (Jenkins owns what it deploys, so it takes
/// its fields over). It answers with kubectl's own lines (<c>service/shop-example-com created</c>).
/// </summary>
internal sealed class ManifestApplier : IDisposable
{
    /// <summary>The field manager of what the sandbox's Jenkins applies.</summary>
    public const string FieldManager = "jenkins";

    /// <summary>The container the Jenkinsfile sets the image of (<c>app=$IMAGE_REF</c>).</summary>
    public const string AppContainer = "app";

    private readonly k8s.Kubernetes client;

    public ManifestApplier(string kubeconfig)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
        client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(stream));
    }

    /// <summary>
    /// Reads the one object of a manifest; <see cref="KubectlException"/> with kubectl's error for
    /// anything but a Service or a Deployment, or a namespace other than <paramref name="namespaceName"/>.
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta> Read(string yaml, string path, string namespaceName)
    {
        List<object> objects;
        try
        {
            objects = KubernetesYaml.LoadAllFromString(yaml);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or ArgumentException or InvalidOperationException or JsonException)
        {
            throw new KubectlException($"error: error parsing {path}: {ex.Message}");
        }

        if (objects is not [IKubernetesObject<V1ObjectMeta> single] || single is not (V1Service or V1Deployment))
        {
            throw new KubectlException($"error: {path}: the sandbox's Jenkins applies one Service or one Deployment per file, as the templates have them");
        }

        var declared = single.Metadata?.NamespaceProperty;
        if (!string.IsNullOrEmpty(declared) && declared != namespaceName)
        {
            throw new KubectlException($"error: the namespace from the provided object \"{declared}\" does not match the namespace \"{namespaceName}\". You must pass '--namespace={declared}' to perform this operation.");
        }

        single.Metadata!.NamespaceProperty = namespaceName;
        return single;
    }

    /// <summary><c>kubectl set image --local</c>: the Deployment with its <c>app</c> container's image replaced.</summary>
    public static V1Deployment SetImage(V1Deployment deployment, string image)
    {
        var container = deployment.Spec?.Template?.Spec?.Containers?.FirstOrDefault(c => c.Name == AppContainer)
            ?? throw new KubectlException($"error: unable to find container named \"{AppContainer}\"");
        container.Image = image;
        return deployment;
    }

    /// <summary>Applies the object; returns kubectl's line, e.g. <c>deployment.apps/shop-example-com configured</c>.</summary>
    public async Task<string> ApplyAsync(IKubernetesObject<V1ObjectMeta> manifest, CancellationToken cancellationToken)
    {
        var name = manifest.Metadata.Name;
        var namespaceName = manifest.Metadata.NamespaceProperty;
        try
        {
            return manifest switch
            {
                V1Service service => "service/" + name + " " + Change(
                    await ReadAsync(() => client.CoreV1.ReadNamespacedServiceAsync(name, namespaceName, cancellationToken: cancellationToken)),
                    await client.CoreV1.PatchNamespacedServiceAsync(Patch(service), name, namespaceName, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken)),
                V1Deployment deployment => "deployment.apps/" + name + " " + Change(
                    await ReadAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync(name, namespaceName, cancellationToken: cancellationToken)),
                    await client.AppsV1.PatchNamespacedDeploymentAsync(Patch(deployment), name, namespaceName, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken)),
                _ => throw new KubectlException($"error: the sandbox's Jenkins does not apply {manifest.Kind}"),
            };
        }
        catch (HttpOperationException ex)
        {
            throw new KubectlException($"Error from server ({Reason(ex)}): {Message(ex)}");
        }
        catch (HttpRequestException ex)
        {
            throw new KubectlException($"error: Unable to connect to the server: {ex.Message}");
        }
    }

    public void Dispose() => client.Dispose();

    private static V1Patch Patch(object manifest) => new(manifest, V1Patch.PatchType.ApplyPatch);

    private static string Change(IMetadata<V1ObjectMeta>? before, IMetadata<V1ObjectMeta> after) =>
        before is null ? "created" : before.Metadata.ResourceVersion == after.Metadata.ResourceVersion ? "unchanged" : "configured";

    private static async Task<T?> ReadAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Reason(HttpOperationException ex) => Status(ex)?.Reason is { Length: > 0 } reason ? reason : ex.Response?.ReasonPhrase ?? "Unknown";

    private static string Message(HttpOperationException ex) => Status(ex)?.Message is { Length: > 0 } message ? message : ex.Message;

    private static V1Status? Status(HttpOperationException ex)
    {
        try
        {
            return string.IsNullOrWhiteSpace(ex.Response?.Content) ? null : KubernetesJson.Deserialize<V1Status>(ex.Response.Content);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A kubectl command failed; the message is kubectl's error line.</summary>
internal sealed class KubectlException(string message) : Exception(message);
