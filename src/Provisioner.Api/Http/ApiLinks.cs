using Microsoft.AspNetCore.Http;

namespace Provisioner.Api;

/// <summary>The API's own URLs, absolute, under the base URL a request came in on.</summary>
/// <param name="BaseUrl">The app's base URL (scheme, host, port, path base) with a trailing slash.</param>
public sealed record ApiLinks(Uri BaseUrl)
{
    /// <summary>The links for the host and path base of <paramref name="request"/>.</summary>
    public static ApiLinks For(HttpRequest request) => new(new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/"));

    /// <summary>A provision's status.</summary>
    public string Provision(string provisionId) => Url(ApiRoutes.Provision.Replace("{id}", Uri.EscapeDataString(provisionId), StringComparison.Ordinal));

    /// <summary>Where a provision is cancelled.</summary>
    public string Cancel(string provisionId) => Url(ApiRoutes.CancelProvision.Replace("{id}", Uri.EscapeDataString(provisionId), StringComparison.Ordinal));

    /// <summary>The list of provisions, with a query string (already escaped, without '?').</summary>
    public string Provisions(string query) => Url(ApiRoutes.Provisions) + (query.Length > 0 ? "?" + query : string.Empty);

    /// <summary>The path of a provision's status, relative to the host (a problem's <c>instance</c>).</summary>
    public static string ProvisionPath(string provisionId) => $"/{ApiRoutes.Prefix}/{ApiRoutes.Provision.Replace("{id}", Uri.EscapeDataString(provisionId), StringComparison.Ordinal)}";

    private string Url(string route) => new Uri(BaseUrl, $"{ApiRoutes.Prefix}/{route}").ToString();
}
