using System.Net;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Kubernetes.Connection;

/// <summary>What one API call does, for the messages its failures produce.</summary>
/// <param name="Verb">The RBAC verb (get, list, patch).</param>
/// <param name="Resource">The resource, as RBAC names it (<c>deployments.apps</c>, <c>pods</c>).</param>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The object's name, for calls on one object.</param>
internal sealed record KubernetesCall(string Verb, string Resource, string Namespace, string? Name = null)
{
    public override string ToString() => Name is null ? $"{Verb} {Resource} in namespace {Namespace}" : $"{Verb} {Resource} {Namespace}/{Name}";
}

/// <summary>
/// Runs one API call with its own timeout and turns its failures into the workflow's exceptions,
/// keeping the API server's Status message: 401 and 403 (with the verb and resource the service
/// account lacks) and a missing namespace are permanent; 5xx, 429, timeouts and dropped connections
/// are transient. A 404 of the object itself is for the caller to judge (<see cref="NotFoundException"/>).
/// </summary>
internal static partial class KubernetesErrors
{
    public const string RbacRunbook = "Grant the Role in infra/kubernetes/provisioner-role.yaml to the identity of the kubeconfig (or the pod's service account).";

    [GeneratedRegex("cannot (?<verb>[a-z]+) resource \"(?<resource>[^\"]+)\" in API group \"(?<group>[^\"]*)\"(?: in the namespace \"(?<namespace>[^\"]+)\")?", RegexOptions.CultureInvariant)]
    private static partial Regex ForbiddenMessage();

    public static async Task<T> RunAsync<T>(KubernetesCall call, TimeSpan timeout, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await action(deadline.Token);
        }
        catch (HttpOperationException ex)
        {
            throw Map(call, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientIntegrationException($"The Kubernetes API server did not answer within {timeout.TotalSeconds:0}s to {call}. Check the cluster's API server and the network path to it.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientIntegrationException($"Could not reach the Kubernetes API server to {call}: {ex.Message} Check the kubeconfig's server address and the network path to it.", ex);
        }
    }

    /// <summary>The API server's Status body of a failed call, when it sent one.</summary>
    public static V1Status? Status(HttpOperationException ex)
    {
        try
        {
            return string.IsNullOrWhiteSpace(ex.Response?.Content) ? null : KubernetesJson.Deserialize<V1Status>(ex.Response.Content);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static Exception Map(KubernetesCall call, HttpOperationException ex)
    {
        var code = (int)(ex.Response?.StatusCode ?? 0);
        var status = Status(ex);
        var message = status?.Message is { Length: > 0 } m ? m : ex.Message;
        switch (code)
        {
            case (int)HttpStatusCode.Unauthorized:
                return new PermanentIntegrationException($"Kubernetes refused to {call}: the kubeconfig's credentials are not accepted (401 {message}). Renew the token in {Workflow.Hosting.SettingNames.KubeConfigContent} or the {Workflow.Hosting.SettingNames.KubeConfigPath} file.", ex);
            case (int)HttpStatusCode.Forbidden:
                var denied = ForbiddenMessage().Match(message);
                var verb = denied.Success ? denied.Groups["verb"].Value : call.Verb;
                var resource = denied.Success
                    ? (denied.Groups["group"].Value.Length > 0 ? $"{denied.Groups["resource"].Value}.{denied.Groups["group"].Value}" : denied.Groups["resource"].Value)
                    : Qualified(status?.Details) ?? call.Resource;
                var namespaceName = denied.Success && denied.Groups["namespace"].Success ? denied.Groups["namespace"].Value : call.Namespace;
                return new PermanentIntegrationException($"Kubernetes refused to {call}: the service account lacks {verb} on {resource} in {namespaceName} (403: {message}). {RbacRunbook}", ex);
            case (int)HttpStatusCode.NotFound when status?.Details?.Kind == "namespaces":
                return new PermanentIntegrationException($"Kubernetes could not {call}: namespace {status.Details.Name} does not exist ({message}). Create it (kubectl create namespace {status.Details.Name}) or set the site's namespace to one that exists.", ex);
            case (int)HttpStatusCode.NotFound:
                return new NotFoundException(call, message, ex);
            case (int)HttpStatusCode.Conflict when status?.Details?.Causes?.Any(c => c.Reason == "FieldManagerConflict") == true:
                var owners = string.Join("; ", status.Details.Causes.Where(c => c.Reason == "FieldManagerConflict").Select(c => $"{c.Field} is owned by {c.Message.Replace("conflict with ", string.Empty, StringComparison.Ordinal)}"));
                return new PermanentIntegrationException($"Kubernetes refused to {call}: another field manager owns fields Provisioner applies ({owners}; {message}). Provisioner never takes fields over: remove that manager's Ingress or fields, or make them agree with the template, then retry.", ex);
            case (int)HttpStatusCode.TooManyRequests:
            case >= 500:
                return new TransientIntegrationException($"The Kubernetes API server could not {call} just now ({code} {message}); it will be retried.", ex);
            default:
                return new PermanentIntegrationException($"Kubernetes refused to {call} ({code} {status?.Reason}: {message}).", ex);
        }
    }

    private static string? Qualified(V1StatusDetails? details) =>
        details?.Kind is not { Length: > 0 } kind ? null : string.IsNullOrEmpty(details.Group) ? kind : $"{kind}.{details.Group}";
}

/// <summary>The object of a call does not exist (404 with a Status that is not about a namespace); its message is the API server's.</summary>
internal sealed class NotFoundException(KubernetesCall call, string message, Exception inner)
    : PermanentIntegrationException($"Kubernetes could not {call}: {message}.", inner)
{
    public KubernetesCall Call { get; } = call;

    public string StatusMessage { get; } = message;
}
