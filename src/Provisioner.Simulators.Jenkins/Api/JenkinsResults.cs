using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Provisioner.Simulators.Jenkins.Security;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>The responses Jenkins sends: exported JSON, config XML, plain text, redirects and its error pages.</summary>
internal static class JenkinsResults
{
    public static IResult Json(ExportedObject value, TreePruner pruner)
    {
        var body = ExportedJson.Serialize(value, pruner);
        return new Result(async context =>
        {
            ApiHeaders(context.Response);
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.Body.WriteAsync(body);
        });
    }

    public static IResult Xml(string text) => new Result(context =>
    {
        context.Response.ContentType = "application/xml";
        return context.Response.WriteAsync(text, Encoding.UTF8);
    });

    public static IResult Text(string text) => new Result(context =>
    {
        context.Response.ContentType = "text/plain;charset=UTF-8";
        return context.Response.WriteAsync(text, Encoding.UTF8);
    });

    public static IResult Html(string title, string body) => new Result(context =>
    {
        context.Response.ContentType = "text/html;charset=utf-8";
        return context.Response.WriteAsync($"<!DOCTYPE html><html><head><title>{Encode(title)}</title></head><body>{body}</body></html>");
    });

    /// <summary>A status with an empty body (Kestrel sends <c>Content-Length: 0</c>, as Jetty does).</summary>
    public static IResult Status(int status) => new Result(context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    });

    /// <summary>Stapler's <c>sendRedirect(status, url)</c>: an absolute <c>Location</c> and no body.</summary>
    public static IResult Redirect(int status, string location) => new Result(context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    public static IResult Error(JenkinsError error, string? user) => error.Style switch
    {
        JenkinsErrorStyle.Failure => Failure(error.Message),
        JenkinsErrorStyle.AccessDenied => AccessDenied(user ?? "anonymous", error.Permission!, error.Message),
        _ => ErrorPage(error.Status, error.Message),
    };

    /// <summary>The servlet container's error page, as <c>HttpServletResponse.sendError</c> renders it.</summary>
    public static IResult ErrorPage(int status, string? message = null) => new Result(context => WriteErrorPageAsync(context, status, message));

    /// <summary>401 for bad basic credentials, as Spring Security's BasicAuthenticationEntryPoint (realm "Jenkins") sends it.</summary>
    public static IResult Unauthorized() => new Result(context =>
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Jenkins\"";
        return WriteErrorPageAsync(context, 401, "Unauthorized");
    });

    /// <summary>403 for anonymous requests, as HudsonAuthenticationEntryPoint sends it.</summary>
    public static IResult AuthenticationRequired() => new Result(context =>
    {
        var from = context.Request.Path + context.Request.QueryString;
        var login = "/login?from=" + Uri.EscapeDataString(from);
        context.Response.StatusCode = 403;
        context.Response.Headers["X-You-Are-Authenticated-As"] = "anonymous";
        context.Response.Headers["X-You-Are-In-Group-Disabled"] = "JENKINS-39402: use -Dhudson.security.AccessDeniedException2.REPORT_GROUP_HEADERS=true or use /whoAmI to diagnose";
        context.Response.Headers["X-Required-Permission"] = JenkinsPermission.OverallRead.Id;
        context.Response.Headers["X-Permission-Implied-By"] = "hudson.model.Hudson.Administer";
        context.Response.ContentType = "text/html;charset=UTF-8";
        return context.Response.WriteAsync(
            $"<html><head><meta http-equiv='refresh' content='1;url={Encode(login)}'/><script>window.location.replace('{Encode(login)}');</script></head>" +
            $"<body style='background-color:white; color:white;'>\n\nAuthentication required\n<!--\n-->\n\n</body></html>");
    });

    private static IResult Failure(string message) => new Result(context =>
    {
        context.Response.StatusCode = 400;
        // Jetty writes header values in ISO-8859-1 and turns what it cannot encode (Jenkins' ‘quotes’) into '?'.
        context.Response.Headers["X-Error"] = new string([.. message.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        context.Response.ContentType = "text/html;charset=utf-8";
        return context.Response.WriteAsync($"<!DOCTYPE html><html><head><title>Jenkins</title></head><body><div id=\"main-panel\"><h1>Error</h1><p>{Encode(message)}</p></div></body></html>");
    });

    private static IResult AccessDenied(string user, JenkinsPermission permission, string message) => new Result(context =>
    {
        context.Response.StatusCode = 403;
        context.Response.Headers["X-You-Are-Authenticated-As"] = user;
        context.Response.Headers["X-You-Are-In-Group-Disabled"] = "JENKINS-39402: use -Dhudson.security.AccessDeniedException2.REPORT_GROUP_HEADERS=true or use /whoAmI to diagnose";
        context.Response.Headers["X-Required-Permission"] = permission.Id;
        context.Response.Headers["X-Permission-Implied-By"] = "hudson.model.Hudson.Administer";
        context.Response.ContentType = "text/html;charset=utf-8";
        return context.Response.WriteAsync($"<!DOCTYPE html><html><head><title>Access Denied [Jenkins]</title></head><body><div id=\"main-panel\"><h1>Access Denied</h1><p>{Encode(message)}</p></div></body></html>");
    });

    internal static Task WriteErrorPageAsync(HttpContext context, int status, string? message)
    {
        message ??= ReasonPhrases.GetReasonPhrase(status);
        var uri = Encode(context.Request.Path.Value ?? "/");
        var text = Encode(message);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html;charset=iso-8859-1";
        return context.Response.WriteAsync(
            "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=ISO-8859-1\"/>\n" +
            $"<title>Error {status} {text}</title>\n</head>\n<body>\n<h2>HTTP ERROR {status} {text}</h2>\n<table>\n" +
            $"<tr><th>URI:</th><td>{uri}</td></tr>\n<tr><th>STATUS:</th><td>{status}</td></tr>\n" +
            $"<tr><th>MESSAGE:</th><td>{text}</td></tr>\n<tr><th>SERVLET:</th><td>Stapler</td></tr>\n</table>\n\n</body>\n</html>\n",
            Encoding.Latin1);
    }

    private static void ApiHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "deny";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed class Result(Func<HttpContext, Task> write) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => write(httpContext);
    }
}
