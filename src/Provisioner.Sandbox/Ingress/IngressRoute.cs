namespace Provisioner.Sandbox.Ingress;

/// <summary>Where an ingress controller sends a request.</summary>
internal abstract record IngressRoute;

/// <summary>No Ingress of the class routes the host and path: the default backend's 404.</summary>
internal sealed record NoRoute : IngressRoute;

/// <summary>An Ingress routes it, but its Service has no ready endpoint (yet): 503, as ingress-nginx answers.</summary>
/// <param name="Detail">Why, for people.</param>
internal sealed record NoEndpoints(string Detail) : IngressRoute;

/// <summary>A ready pod serves it.</summary>
/// <param name="Pod">The pod, <c>namespace/name</c>.</param>
/// <param name="Image">The image of the container behind the Service's target port.</param>
internal sealed record PodEndpoint(string Pod, string Image) : IngressRoute;
