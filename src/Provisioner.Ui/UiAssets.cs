using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Provisioner.Ui;

/// <summary>
/// Serves the UI's files from the assembly, for any host: content type, a strong ETag (a matching
/// <c>If-None-Match</c> gets 304), <c>Cache-Control: no-cache</c> so a new deployment shows at once,
/// and the <see cref="UiSecurityHeaders"/> on every answer. The files are read once; nothing touches the file system.
/// </summary>
public static class UiAssets
{
    private const string ResourcePrefix = "wwwroot/";
    private const string IndexPage = "index.html";

    private static readonly UiOptions DefaultOptions = new();

    /// <summary>Every file of the UI by its path under the UI's root (e.g. <c>index.html</c>, <c>js/api.js</c>).</summary>
    public static FrozenDictionary<string, UiAsset> All { get; } = Load();

    /// <summary>
    /// The answer to <c>GET {UI root}{path}</c>: the file, 404 for anything else, and for the bare root
    /// without its trailing slash a redirect to it (so the pages' relative links resolve under the root).
    /// </summary>
    /// <param name="path">The path under the UI's root, as the route captured it; null or empty for the root.</param>
    /// <param name="request">The request (for the redirect and the conditional headers).</param>
    /// <param name="options">Extra origins the pages may call; none when null.</param>
    public static IResult Serve(string? path, HttpRequest request, UiOptions? options = null)
    {
        options ??= DefaultOptions;
        if (string.IsNullOrEmpty(path))
        {
            var requested = request.Path.Value ?? string.Empty;
            if (!requested.EndsWith('/'))
            {
                return new SecuredResult(TypedResults.Redirect($"{request.PathBase}{requested}/{request.QueryString}"), options);
            }

            path = IndexPage;
        }

        if (!All.TryGetValue(path, out var asset))
        {
            return new SecuredResult(TypedResults.NotFound(), options);
        }

        // Revalidate every time (a 304 is cheap): file names carry no version, so a deployment shows at once.
        return new SecuredResult(TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag), options, "no-cache");
    }

    private static FrozenDictionary<string, UiAsset> Load()
    {
        var assembly = typeof(UiAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => UiAsset.Create(name[ResourcePrefix.Length..].Replace('\\', '/'), Read(assembly, name)))
            .ToFrozenDictionary(asset => asset.Path, StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Adds the security headers (and caching rule) when the inner result runs, whatever it answers.</summary>
    private sealed class SecuredResult(IResult inner, UiOptions options, string? cacheControl = null) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            UiSecurityHeaders.Apply(httpContext.Response, options);
            if (cacheControl is not null)
            {
                httpContext.Response.Headers.CacheControl = cacheControl;
            }

            return inner.ExecuteAsync(httpContext);
        }
    }
}
