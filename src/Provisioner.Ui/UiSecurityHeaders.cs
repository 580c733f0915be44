using Microsoft.AspNetCore.Http;

namespace Provisioner.Ui;

/// <summary>
/// The headers every UI response carries. The policy allows only the UI's own files: no inline script
/// or style, no plug-ins, no framing, no string-to-DOM sinks (Trusted Types), and API calls only to the
/// UI's own origin plus <see cref="UiOptions.ConnectSources"/>.
/// </summary>
public static class UiSecurityHeaders
{
    /// <summary>The Content-Security-Policy for the given options.</summary>
    public static string ContentSecurityPolicy(UiOptions options)
    {
        var connect = string.Concat(options.ConnectSources.Select(origin => " " + Origin(origin)));
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
            $"connect-src 'self'{connect}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; " +
            "require-trusted-types-for 'script'; trusted-types 'none'";
    }

    /// <summary>Sets the policy, <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: no-referrer</c>.</summary>
    public static void Apply(HttpResponse response, UiOptions options)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(options);
        headers.XContentTypeOptions = "nosniff";
        // Status pages carry a provision id in their query: keep it off other sites' logs.
        headers["Referrer-Policy"] = "no-referrer";
    }

    private static string Origin(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.GetLeftPart(UriPartial.Authority)
            : throw new ArgumentException($"'{uri}' is not an http(s) origin; give UiOptions.ConnectSources absolute URLs.", nameof(uri));
}
