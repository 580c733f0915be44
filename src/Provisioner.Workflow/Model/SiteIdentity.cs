using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Workflow.Model;

/// <summary>
/// The names a site has in every system, all derived from its domain so every step (template,
/// Jenkins job, Deployment, Ingress) agrees without passing names around.
/// </summary>
/// <param name="Domain">The normalized domain, e.g. <c>shop.example.com</c>.</param>
/// <param name="AppName">A DNS-1123 label for Kubernetes objects and the Jenkins job, e.g. <c>shop-example-com</c>.</param>
/// <param name="Namespace">The Kubernetes namespace the site runs in.</param>
/// <param name="RepositoryPath">The folder the site's files live in within the sites repository.</param>
public sealed record SiteIdentity(string Domain, string AppName, string Namespace, string RepositoryPath)
{
    private const int MaxLabel = 63;

    /// <summary>Derives the site's names from a normalized domain.</summary>
    public static SiteIdentity For(string normalizedDomain, string kubernetesNamespace)
    {
        var appName = normalizedDomain.Replace('.', '-');
        if (appName.Length > MaxLabel)
        {
            // Long domains keep a readable prefix and a hash suffix, so two long domains never collide.
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedDomain)))[..8];
            appName = appName[..(MaxLabel - 9)].TrimEnd('-') + "-" + hash;
        }

        return new SiteIdentity(normalizedDomain, appName, kubernetesNamespace, "sites/" + normalizedDomain);
    }
}
