namespace Provisioner.Sandbox.Builds;

/// <summary>The parameters the site Jenkinsfiles declare, as one build got them (empty when not given).</summary>
/// <param name="AppName">APP_NAME: the Deployment, Service and Ingress name.</param>
/// <param name="Namespace">NAMESPACE: the Kubernetes namespace.</param>
/// <param name="Domain">DOMAIN: the site's domain.</param>
/// <param name="SitePath">SITE_PATH: the site's folder in the repository, the image's build context.</param>
/// <param name="Image">IMAGE: the image repository, without a tag.</param>
/// <param name="GitCommit">GIT_COMMIT: the commit to build; empty builds the branch's head.</param>
internal sealed record SiteBuildParameters(string AppName, string Namespace, string Domain, string SitePath, string Image, string GitCommit)
{
    public static SiteBuildParameters From(IReadOnlyDictionary<string, string> values)
    {
        string Value(string name) => values.TryGetValue(name, out var value) ? value.Trim() : string.Empty;
        return new SiteBuildParameters(Value("APP_NAME"), Value("NAMESPACE"), Value("DOMAIN"), Value("SITE_PATH").Trim('/'), Value("IMAGE"), Value("GIT_COMMIT"));
    }
}
