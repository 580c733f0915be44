namespace Provisioner.Api;

/// <summary>
/// The API's routes, spelled once: the route table maps them under <see cref="Prefix"/>, and the
/// Functions app's <c>[HttpTrigger(Route = …)]</c> attributes take the same constants (the Functions
/// host adds the prefix from host.json's <c>extensions.http.routePrefix</c>).
/// </summary>
public static class ApiRoutes
{
    /// <summary>The prefix of every route: host.json's <c>routePrefix</c>.</summary>
    public const string Prefix = "api";

    /// <summary>POST: start a provision. GET: list provisions.</summary>
    public const string Provisions = "provisions";

    /// <summary>GET: one provision.</summary>
    public const string Provision = "provisions/{id}";

    /// <summary>POST: cancel a provision.</summary>
    public const string CancelProvision = "provisions/{id}/cancel";

    /// <summary>POST: what a provision would make.</summary>
    public const string PreviewProvision = "provisions/preview";

    /// <summary>GET: the template catalog.</summary>
    public const string Templates = "templates";

    /// <summary>POST: GitHub's webhook deliveries.</summary>
    public const string GitHubWebhook = "github/webhook";
}

/// <summary>The endpoints' names: the route table's endpoint names and the Functions app's function names.</summary>
public static class ApiEndpoints
{
    /// <summary>POST /api/provisions.</summary>
    public const string StartProvision = "StartProvision";

    /// <summary>GET /api/provisions.</summary>
    public const string ListProvisions = "ListProvisions";

    /// <summary>GET /api/provisions/{id}.</summary>
    public const string GetProvision = "GetProvision";

    /// <summary>POST /api/provisions/{id}/cancel.</summary>
    public const string CancelProvision = "CancelProvision";

    /// <summary>POST /api/provisions/preview.</summary>
    public const string PreviewProvision = "PreviewProvision";

    /// <summary>GET /api/templates.</summary>
    public const string ListTemplates = "ListTemplates";

    /// <summary>POST /api/github/webhook.</summary>
    public const string GitHubWebhook = "GitHubWebhook";

    /// <summary>GET /api/ui/…: the web UI's pages.</summary>
    public const string WebUi = "WebUi";
}

/// <summary>The largest request bodies the API reads; larger ones are refused with 413 before they are parsed.</summary>
public static class ApiBodyLimits
{
    /// <summary>A provision request (start and preview).</summary>
    public const int ProvisionRequest = 64 * 1024;

    /// <summary>A GitHub webhook delivery. GitHub caps payloads at 25 MB; pull_request events are tens of KB.</summary>
    public const int GitHubDelivery = 1024 * 1024;
}
