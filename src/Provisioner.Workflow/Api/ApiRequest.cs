namespace Provisioner.Workflow.Api;

/// <summary>An HTTP request as the API sees it, whatever host received it.</summary>
/// <param name="BaseUrl">The app's base URL (scheme, host, port), used to build links.</param>
/// <param name="Body">The raw body.</param>
/// <param name="Header">Reads a header by name (case-insensitive), or null.</param>
public sealed record ApiRequest(Uri BaseUrl, byte[] Body, Func<string, string?> Header)
{
    /// <summary>A request with no headers.</summary>
    public static ApiRequest WithBody(Uri baseUrl, byte[] body) => new(baseUrl, body, _ => null);
}
