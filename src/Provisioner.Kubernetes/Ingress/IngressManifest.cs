using k8s;
using k8s.Models;
using Provisioner.Workflow.Integrations;

namespace Provisioner.Kubernetes.Ingress;

/// <summary>The rendered Ingress template, parsed and checked before anything is sent.</summary>
internal static class IngressManifest
{
    public static V1Ingress Parse(string manifestYaml, string namespaceName)
    {
        V1Ingress ingress;
        try
        {
            ingress = KubernetesYaml.Deserialize<V1Ingress>(manifestYaml);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or FormatException or InvalidOperationException)
        {
            throw new PermanentIntegrationException($"The Ingress template did not render a valid Ingress manifest ({ex.Message}). Fix templates/ingress/ingress.yaml.liquid.", ex);
        }

        if (ingress?.Kind != "Ingress" || ingress.ApiVersion != "networking.k8s.io/v1" || string.IsNullOrEmpty(ingress.Metadata?.Name))
        {
            throw new PermanentIntegrationException("The Ingress template must render one networking.k8s.io/v1 Ingress with a metadata.name. Fix templates/ingress/ingress.yaml.liquid.");
        }

        if (ingress.Metadata.NamespaceProperty is { Length: > 0 } declared && declared != namespaceName)
        {
            throw new PermanentIntegrationException($"The Ingress template renders namespace {declared}, but the site runs in {namespaceName}. Fix templates/ingress/ingress.yaml.liquid.");
        }

        ingress.Metadata.NamespaceProperty = namespaceName;
        return ingress;
    }

    /// <summary>The hosts an Ingress routes (its rules' hosts).</summary>
    public static IReadOnlyList<string> Hosts(V1Ingress ingress) =>
        [.. (ingress.Spec?.Rules ?? []).Select(r => r.Host).Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.OrdinalIgnoreCase)];
}
