using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Provisioner.Simulators.Jenkins.Api;

namespace Provisioner.Simulators.Jenkins.Security;

/// <summary>
/// Jenkins' security filters: basic auth (password or API token; 401 with <c>WWW-Authenticate</c>
/// when wrong), session cookies, 403 "Authentication required" for anonymous requests, and the
/// CSRF crumb filter — POSTs need a crumb bound to the user and session, unless authenticated
/// with an API token (Jenkins ≥ 2.96) and the simulator is not told otherwise.
/// </summary>
internal sealed class JenkinsSecurityMiddleware(RequestDelegate next, JenkinsServer server)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var (principal, failure) = Authenticate(context.Request);
        if (failure is not null)
        {
            await failure.ExecuteAsync(context);
            return;
        }

        if (principal is null)
        {
            await JenkinsResults.AuthenticationRequired().ExecuteAsync(context);
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && NeedsCrumb(principal) && !await HasValidCrumbAsync(context.Request, principal))
        {
            await JenkinsResults.ErrorPage(403, "No valid crumb was included in the request").ExecuteAsync(context);
            return;
        }

        if (!principal.User.Permissions.Contains(JenkinsPermission.OverallRead))
        {
            await JenkinsResults.Error(JenkinsError.Denied(principal.User.Id, JenkinsPermission.OverallRead), principal.User.Id).ExecuteAsync(context);
            return;
        }

        context.Items[typeof(JenkinsPrincipal)] = principal;
        await next(context);
    }

    public static JenkinsPrincipal PrincipalOf(HttpContext context) => (JenkinsPrincipal)context.Items[typeof(JenkinsPrincipal)]!;

    private (JenkinsPrincipal? Principal, IResult? Failure) Authenticate(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            }
            catch (FormatException)
            {
                return (null, JenkinsResults.Unauthorized());
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? null : server.Options.FindUser(decoded[..colon]);
            var secret = colon < 0 ? string.Empty : decoded[(colon + 1)..];
            if (user is null)
            {
                return (null, JenkinsResults.Unauthorized());
            }

            if (user.ApiTokens.Any(t => FixedTimeEquals(t, secret)))
            {
                return (new JenkinsPrincipal(user, AuthenticatedBy.ApiToken), null);
            }

            return FixedTimeEquals(user.Password, secret)
                ? (new JenkinsPrincipal(user, AuthenticatedBy.Password), null)
                : (null, JenkinsResults.Unauthorized());
        }

        var sessionUser = server.Sessions.UserOf(request.Cookies[server.Sessions.CookieName]);
        return sessionUser is not null && server.Options.FindUser(sessionUser) is { } known
            ? (new JenkinsPrincipal(known, AuthenticatedBy.Session), null)
            : (null, null);
    }

    private bool NeedsCrumb(JenkinsPrincipal principal) =>
        server.Options.CrumbIssuer && (principal.Via != AuthenticatedBy.ApiToken || server.Options.ApiTokenPostsNeedCrumb);

    private async Task<bool> HasValidCrumbAsync(HttpRequest request, JenkinsPrincipal principal)
    {
        string? crumb = request.Headers[JenkinsServer.CrumbField];
        if (string.IsNullOrEmpty(crumb) && request.HasFormContentType)
        {
            crumb = (await request.ReadFormAsync())[JenkinsServer.CrumbField];
        }

        var session = request.Cookies[server.Sessions.CookieName];
        return !string.IsNullOrEmpty(crumb)
            && session is not null
            && string.Equals(server.Sessions.UserOf(session), principal.User.Id, StringComparison.Ordinal)
            && FixedTimeEquals(server.Crumb(principal.User.Id, session), crumb);
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
