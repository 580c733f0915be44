using Microsoft.AspNetCore.Http;

namespace Provisioner.Simulators.Jenkins.Diagnostics;

/// <summary>Jenkins' <c>Functions.advertiseHeaders</c>: every response says it comes from Jenkins, and which version and start.</summary>
internal sealed class JenkinsHeadersMiddleware(RequestDelegate next, JenkinsServer server)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers["X-Hudson"] = "1.395";
        headers["X-Jenkins"] = server.Options.Version;
        headers["X-Jenkins-Session"] = server.InstanceHash;
        return next(context);
    }
}
