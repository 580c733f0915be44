using Microsoft.AspNetCore.Builder;

namespace Provisioner.Api;

/// <summary>The key a route needs under the Functions host (the local runner asks for none).</summary>
public enum FunctionAuthLevel
{
    /// <summary>No function key: the route authenticates its callers itself (the webhook's HMAC signature).</summary>
    Anonymous,

    /// <summary>A function key (<c>?code=</c> or <c>x-functions-key</c>).</summary>
    Function,
}

/// <summary>Endpoint metadata: the route's <see cref="FunctionAuthLevel"/>, which its <c>[HttpTrigger]</c> must declare.</summary>
/// <param name="Level">The auth level.</param>
public sealed record FunctionAuthMetadata(FunctionAuthLevel Level);

/// <summary>Declares a route's auth level on the route table.</summary>
public static class FunctionAuthEndpointConventions
{
    /// <summary>Records the key the route needs under the Functions host (the runner asks for none).</summary>
    public static RouteHandlerBuilder WithAuthLevel(this RouteHandlerBuilder builder, FunctionAuthLevel level) =>
        builder.WithMetadata(new FunctionAuthMetadata(level));
}
