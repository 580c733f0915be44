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
        // Dots become hyphens, which is one-to-one only while the domain has no hyphen of its own
        // (a-b.example.com and a.b-example.com would both be a-b-example-com), and a label holds 63
        // characters: such domains keep a readable prefix and get a hash of the domain as suffix.
        var appName = normalizedDomain.Replace('.', '-');
        if (normalizedDomain.Contains('-', StringComparison.Ordinal) || appName.Length > MaxLabel)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedDomain)))[..8];
            var prefix = appName.Length > MaxLabel - 9 ? appName[..(MaxLabel - 9)].TrimEnd('-') : appName;
            appName = prefix + "-" + hash;
        }

        return new SiteIdentity(normalizedDomain, appName, kubernetesNamespace, "sites/" + normalizedDomain);
    }
}
