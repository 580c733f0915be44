namespace Provisioner.Sandbox.Registry;

/// <summary>
/// What a sandbox image serves, as its Dockerfile describes it. The sandbox builds no image: an
/// image is the site's files at the commit it was built from, served the way its base image would.
/// </summary>
internal abstract record SiteApp;

/// <summary>nginx serving the files of a folder (the Dockerfile's <c>COPY site/ /usr/share/nginx/html/</c>).</summary>
/// <param name="WebRoot">The folder in the repository, e.g. <c>sites/shop.example.com/site</c>.</param>
internal sealed record StaticSiteApp(string WebRoot) : SiteApp;

/// <summary>An ASP.NET Core app built from a project folder (the <c>dotnet-api</c> template's).</summary>
/// <param name="ProjectFolder">The folder in the repository, e.g. <c>sites/api.example.com/src</c>.</param>
internal sealed record AspNetApp(string ProjectFolder) : SiteApp;

/// <summary>An image the sandbox cannot serve; the ingress stand-in answers 502 saying why.</summary>
/// <param name="Reason">Why, for people.</param>
internal sealed record UnrecognizedApp(string Reason) : SiteApp;
