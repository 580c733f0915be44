using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Provisioner.Simulators.Common.Diagnostics;

/// <summary>How a simulator answers an injected fault status: the body its real API would send.</summary>
/// <param name="Context">The request being failed.</param>
/// <param name="Status">The status code to send.</param>
/// <param name="RetryAfterSeconds">The Retry-After header to send, if any (already set on the response).</param>
public delegate Task FaultResponseWriter(HttpContext Context, int Status, int? RetryAfterSeconds);

/// <summary>Where a simulator's API lives and how its faults look.</summary>
/// <param name="ApiPrefix">The path prefix of the simulated API (<c>/api/v3</c> for GitHub Enterprise, empty for Jenkins and Kubernetes); fault rules match the path after it.</param>
/// <param name="WriteFault">Writes the body of an injected fault status.</param>
public sealed record DiagnosticsOptions(string ApiPrefix, FaultResponseWriter WriteFault)
{
    /// <summary>True when <paramref name="path"/> is a call to the simulated API.</summary>
    public bool IsApi(string path) => ApiPrefix.Length == 0 || path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal);

    /// <summary>The path fault rules see: the part after <see cref="ApiPrefix"/>.</summary>
    public string Relative(string path) => ApiPrefix.Length > 0 && path.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) ? path[ApiPrefix.Length..] : path;
}

/// <summary>
/// The first middleware of every simulator: logs each request with the status sent, and applies the
/// first matching fault rule (a delay, a status with Retry-After, or a dropped connection, before or
/// after the request is handled) instead of, or around, the rest of the pipeline.
/// </summary>
internal sealed class DiagnosticsMiddleware(RequestDelegate next, RequestLog log, FaultInjector faults, DiagnosticsOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        var query = context.Request.QueryString.Value ?? string.Empty;
        var isApi = options.IsApi(path);
        void Log(int status) => log.Add(new LoggedRequest(method, path, query, status, isApi));
        try
        {
            var relative = options.Relative(path);
            string? body = null;
            if (faults.NeedsBody(method, relative))
            {
                context.Request.EnableBuffering();
                body = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
                context.Request.Body.Position = 0;
            }

            var fault = faults.Match(method, relative, body);
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
                        await next(context);
                    }

                    Log(0);
                    context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                    context.Abort();
                    return;
                }

                if (fault.StatusCode is { } status)
                {
                    context.Response.StatusCode = status;
                    if (fault.RetryAfterSeconds is { } seconds)
                    {
                        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }

                    await options.WriteFault(context, status, fault.RetryAfterSeconds);
                    Log(status);
                    return;
                }
            }

            await next(context);
            Log(context.Response.StatusCode);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Log(0);
        }
    }
}
