using System.Text;
using Microsoft.AspNetCore.Http;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>A JSON body with the content type written exactly as given (aggregated discovery's parameters are part of the protocol).</summary>
internal sealed class JsonTextResult(string text, int status, string contentType) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.ContentType = contentType;
        return httpContext.Response.WriteAsync(text, Encoding.UTF8);
    }
}
