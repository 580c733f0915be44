using Microsoft.AspNetCore.Http;

namespace Provisioner.Sandbox.Ingress;

/// <summary>
/// The error pages of an nginx-based ingress controller (its bodies, word for word), with the
/// sandbox's explanation in an <c>X-Sandbox-Detail</c> header.
/// </summary>
internal static class IngressErrors
{
    /// <summary>The header that says why the stand-in answered as it did.</summary>
    public const string DetailHeader = "X-Sandbox-Detail";

    public static async Task WriteAsync(HttpContext context, int status, string detail)
    {
        var title = status switch
        {
            StatusCodes.Status301MovedPermanently => "301 Moved Permanently",
            StatusCodes.Status400BadRequest => "400 Bad Request",
            StatusCodes.Status403Forbidden => "403 Forbidden",
            StatusCodes.Status404NotFound => "404 Not Found",
            StatusCodes.Status405MethodNotAllowed => "405 Not Allowed",
            StatusCodes.Status502BadGateway => "502 Bad Gateway",
            StatusCodes.Status503ServiceUnavailable => "503 Service Temporarily Unavailable",
            _ => $"{status} Error",
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        // A header value is one line of visible ASCII.
        context.Response.Headers[DetailHeader] = new string([.. detail.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.WriteAsync($"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n", context.RequestAborted);
        }
    }
}
