using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Provisioner.Simulators.GitHub.Diagnostics;

/// <summary>Logs every request, applies faults, and checks the token on the REST API and MCP endpoint.</summary>
internal sealed class SimulatorMiddleware(RequestDelegate next, RequestLog log, FaultInjector faults, SimulatorOptions options)
{
    private const string ApiPrefix = "/api/v3";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var entryPath = path;
        try
        {
            var relative = path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) ? path[ApiPrefix.Length..] : path;
            string? body = null;
            if (faults.NeedsBody(context.Request.Method, relative))
            {
                context.Request.EnableBuffering();
                body = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
                context.Request.Body.Position = 0;
            }

            var fault = faults.Match(context.Request.Method, relative, body);
            if (fault is not null)
            {
                if (fault.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }

                if (fault.DropConnection)
                {
                    if (fault.AfterHandling)
                    {
                        // Let the request land, then lose the answer: what a client sees when a response is cut off.
                        context.Response.Body = Stream.Null;
                        await HandleAsync(context, path);
                    }

                    log.Add(new LoggedRequest(context.Request.Method, entryPath, context.Request.QueryString.Value ?? string.Empty, 0));
                    context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                    context.Abort();
                    return;
                }

                if (fault.StatusCode is { } status)
                {
                    await WriteFaultAsync(context, status, fault.RetryAfterSeconds);
                    log.Add(new LoggedRequest(context.Request.Method, entryPath, context.Request.QueryString.Value ?? string.Empty, status));
                    return;
                }
            }

            await HandleAsync(context, path);
            log.Add(new LoggedRequest(context.Request.Method, entryPath, context.Request.QueryString.Value ?? string.Empty, context.Response.StatusCode));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            log.Add(new LoggedRequest(context.Request.Method, entryPath, context.Request.QueryString.Value ?? string.Empty, 0));
        }
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        var needsToken = path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) || path.StartsWith("/mcp", StringComparison.Ordinal);
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

    private static async Task WriteFaultAsync(HttpContext context, int status, int? retryAfter)
    {
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var message = status switch
        {
            403 => "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            429 => "API rate limit exceeded",
            502 => "Server Error",
            503 => "Service Unavailable",
            _ => "Server Error",
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["message"] = message,
            ["documentation_url"] = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api",
        }));
    }
}
