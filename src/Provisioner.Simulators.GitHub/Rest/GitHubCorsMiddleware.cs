using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.GitHub.Diagnostics;

namespace Provisioner.Simulators.GitHub.Rest;

/// <summary>
/// Cross-origin access to the REST API as GitHub grants it, so a page on another origin can call it
/// from a browser: every API answer (errors and injected faults included) carries
/// <c>Access-Control-Allow-Origin: *</c> and the exposed headers, and a preflight (<c>OPTIONS</c>) is
/// answered 204 with GitHub's allowed methods and headers, without a token. No credentials mode:
/// GitHub's API takes tokens in the Authorization header, not cookies.
/// </summary>
internal sealed class GitHubCorsMiddleware(RequestDelegate next)
{
    // GitHub's own values (docs.github.com, "Using CORS and JSONP to make cross-origin requests").
    public const string AllowedHeaders = "Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, X-Requested-With";
    public const string AllowedMethods = "GET, POST, PATCH, PUT, DELETE";
    public const string ExposedHeaders = "ETag, Link, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval";
    public const string MaxAgeSeconds = "86400";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(GitHubFaults.ApiPrefix, StringComparison.Ordinal))
        {
            return next(context);
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = ExposedHeaders;
        if (!HttpMethods.IsOptions(context.Request.Method))
        {
            return next(context);
        }

        headers.AccessControlAllowHeaders = AllowedHeaders;
        headers.AccessControlAllowMethods = AllowedMethods;
        headers.AccessControlMaxAge = MaxAgeSeconds;
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
