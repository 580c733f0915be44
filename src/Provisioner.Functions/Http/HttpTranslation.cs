using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Provisioner.Workflow.Api;

namespace Provisioner.Functions.Http;

/// <summary>Translates ASP.NET Core requests and responses to and from the workflow's API types.</summary>
internal static class HttpTranslation
{
    /// <summary>Reads the request, taking at most <paramref name="maxBytes"/> + 1 bytes of body so an oversized body is refused without buffering it.</summary>
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

    /// <summary>The API's response as an action result, headers included.</summary>
    public static IActionResult ToActionResult(this ApiResponse response, HttpRequest request)
    {
        foreach (var (name, value) in response.Headers)
        {
            request.HttpContext.Response.Headers[name] = value;
        }

        return new ContentResult { StatusCode = response.StatusCode, ContentType = response.ContentType, Content = response.Body };
    }
}
