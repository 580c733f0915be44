using Microsoft.AspNetCore.Http;

namespace Provisioner.Simulators.GitHub.Diagnostics;

/// <summary>Checks the token on the REST API and MCP endpoint, answering 401 "Bad credentials" as GitHub does.</summary>
internal sealed class GitHubTokenMiddleware(RequestDelegate next, SimulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var needsToken = path.StartsWith(GitHubFaults.ApiPrefix + "/", StringComparison.Ordinal) || path.StartsWith("/mcp", StringComparison.Ordinal);
        if (needsToken && !IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["message"] = "Bad credentials",
                ["documentation_url"] = "https://docs.github.com/rest",
                ["status"] = "401",
            });
            return;
        }

        await next(context);
    }

    private bool IsAuthorized(string header)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return false;
        }

        var scheme = header[..space];
        var token = header[(space + 1)..].Trim();
        return (scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            && options.Tokens.Contains(token);
    }
}
