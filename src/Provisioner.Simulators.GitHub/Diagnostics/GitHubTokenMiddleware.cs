using Microsoft.AspNetCore.Http;

namespace Provisioner.Simulators.GitHub.Diagnostics;

/// <summary>Checks the token on the REST API and MCP endpoint, answering 401 "Bad credentials" as GitHub does.</summary>
internal sealed class GitHubTokenMiddleware(RequestDelegate next, SimulatorOptions options)
{
    /// <summary>Where a request's acting user (<see cref="SimulatorOptions.TokenUsers"/>) is kept, when its token names one.</summary>
    public const string ActorItem = "github.actor";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var needsToken = path.StartsWith(GitHubFaults.ApiPrefix + "/", StringComparison.Ordinal) || path.StartsWith("/mcp", StringComparison.Ordinal);
        var token = Token(context.Request.Headers.Authorization.ToString());
        if (needsToken && (token is null || !options.Tokens.Contains(token)))
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

        if (token is not null && options.TokenUsers.TryGetValue(token, out var user))
        {
            context.Items[ActorItem] = user;
        }

        await next(context);
    }

    /// <summary>The request's acting user, when its token names one.</summary>
    public static string? Actor(HttpContext context) => context.Items.TryGetValue(ActorItem, out var user) ? user as string : null;

    /// <summary>The token of an <c>Authorization: token X</c> or <c>Bearer X</c> header, or null.</summary>
    private static string? Token(string header)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        var scheme = header[..space];
        return scheme.Equals("token", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? header[(space + 1)..].Trim()
            : null;
    }
}
