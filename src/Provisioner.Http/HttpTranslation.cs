using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Workflow.Api;

namespace Provisioner.Http;

/// <summary>Translates ASP.NET Core requests and responses to and from the workflow's API types.</summary>
public static class HttpTranslation
{
    /// <summary>
    /// Reads the request body, stopping as soon as more than <paramref name="maxBytes"/> arrived
    /// (at most one 16 KiB read past it), so an oversized body is refused without buffering it all.
    /// </summary>
    public static async Task<ApiRequest> ToApiRequestAsync(this HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length <= maxBytes && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        var baseUrl = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        var headers = request.Headers;
        return new ApiRequest(baseUrl, buffer.ToArray(), name => headers.TryGetValue(name, out var value) ? value.ToString() : null);
    }

    /// <summary>The API's response as an MVC action result (what Functions' ASP.NET Core integration runs), headers included.</summary>
    public static IActionResult ToActionResult(this ApiResponse response, HttpRequest request)
    {
        CopyHeaders(response, request.HttpContext.Response);
        return new ContentResult { StatusCode = response.StatusCode, ContentType = response.ContentType, Content = response.Body };
    }

    /// <summary>The API's response as a minimal-API result, headers included.</summary>
    public static IResult ToResult(this ApiResponse response, HttpContext context)
    {
        CopyHeaders(response, context.Response);
        return Results.Content(response.Body, response.ContentType, statusCode: response.StatusCode);
    }

    private static void CopyHeaders(ApiResponse response, HttpResponse target)
    {
        foreach (var (name, value) in response.Headers)
        {
            target.Headers[name] = value;
        }
    }
}
