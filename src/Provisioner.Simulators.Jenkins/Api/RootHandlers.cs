using Microsoft.AspNetCore.Http;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>The crumb issuer and <c>/me</c>.</summary>
internal static class RootHandlers
{
    /// <summary><c>DefaultCrumbIssuer</c>: a crumb for this user and web session, starting a session (cookie) when the request has none.</summary>
    public static Task<IResult> Crumb(JenkinsCall call)
    {
        if (!call.Server.Options.CrumbIssuer)
        {
            return Task.FromResult(JenkinsResults.ErrorPage(404));
        }

        var sessions = call.Server.Sessions;
        var session = call.Request.Cookies[sessions.CookieName];
        if (session is null || sessions.UserOf(session) != call.User)
        {
            session = sessions.Create(call.User);
            call.Http.Response.Cookies.Append(sessions.CookieName, session, new CookieOptions { Path = "/", HttpOnly = true });
        }

        var crumb = ApiModel.Crumb(JenkinsServer.CrumbField, call.Server.Crumb(call.User, session));
        return Task.FromResult(JenkinsResults.Json(crumb, call.Pruner()));
    }

    public static Task<IResult> WhoAmI(JenkinsCall call) => Task.FromResult(JenkinsResults.Json(call.Model.User(call.Principal.User), call.Pruner()));
}
