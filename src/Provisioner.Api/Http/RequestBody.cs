using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Provisioner.Api;

/// <summary>Reads request bodies the one way every route does: declared as JSON, bounded, and a failed read answered, not thrown.</summary>
internal static partial class RequestBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Null when the request declares a JSON body (<c>application/json</c>, any charset); otherwise the 415 to send.</summary>
    public static ProblemHttpResult? RequireJson(HttpRequest request) =>
        IsJson(request.ContentType) ? null : Problems.NotJson(request.ContentType);

    /// <summary>True for <c>application/json</c> with any parameters.</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The body, or the problem to send instead: 413 as soon as more than <paramref name="maxBytes"/>
    /// arrived (at most one 16 KiB read past it, so an oversized body is never buffered whole); 408
    /// or 400 when the server gave up reading it (a stalled or broken upload), which is the
    /// client's trouble, logged at Debug rather than as an unhandled exception.
    /// </summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.TooLarge(maxBytes));
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[ChunkBytes];
            int read;
            while (buffer.Length <= maxBytes && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
            }

            return buffer.Length > maxBytes ? (null, Problems.TooLarge(maxBytes)) : (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException ex)
        {
            LogUnreadable(Logger(request), ex.StatusCode, ex.Message);
            return (null, ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => Problems.TooLarge(maxBytes),
                StatusCodes.Status408RequestTimeout => Problems.Of("request-timeout", "The request body arrived too slowly.", ex.StatusCode,
                    "The server stopped waiting for the body; send it again in one go."),
                _ => Problems.Of("unreadable-body", "The request body could not be read.", StatusCodes.Status400BadRequest, ex.Message),
            });
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreadable(Logger(request), StatusCodes.Status400BadRequest, ex.Message);
            return (null, Problems.Of("unreadable-body", "The request body could not be read.", StatusCodes.Status400BadRequest,
                "The connection broke while the body was being sent; send it again."));
        }
    }

    private static ILogger Logger(HttpRequest request) =>
        request.HttpContext.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(RequestBody).FullName!)
        ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request body not read ({StatusCode}): {Reason}")]
    private static partial void LogUnreadable(ILogger logger, int statusCode, string reason);
}
