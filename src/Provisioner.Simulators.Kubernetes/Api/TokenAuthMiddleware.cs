using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>Bearer-token authentication: a missing or wrong token is the API server's 401 <c>Status</c>.</summary>
internal sealed class TokenAuthMiddleware(RequestDelegate next, KubernetesSimulatorOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : string.Empty;
        var expected = Encoding.UTF8.GetBytes(options.Token);
        if (token.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), expected))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(ApiJson.Serialize(ApiError.Unauthorized().ToStatus()) + "\n");
            return;
        }

        await next(context);
    }
}
