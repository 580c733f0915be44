using System.Text.Json.Nodes;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>A request the API server refuses, carried to the response as a <c>Status</c> object with the real server's wording.</summary>
internal sealed class ApiError(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    /// <summary>The <c>Status</c> body: kind, apiVersion, empty metadata, Failure, message, reason, details, code.</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
        };
        if (Reason.Length > 0)
        {
            status["reason"] = Reason;
        }

        if (Details is not null)
        {
            status["details"] = Details.DeepClone();
        }

        status["code"] = Code;
        return status;
    }

    public static ApiError NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.QualifiedName} \"{name}\" not found", ObjectDetails(kind, name));

    public static ApiError NamespaceNotFound(string namespaceName) =>
        new(404, "NotFound", $"namespaces \"{namespaceName}\" not found", ObjectDetails(ResourceKind.Namespaces, namespaceName));

    public static ApiError AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.QualifiedName} \"{name}\" already exists", ObjectDetails(kind, name));

    public static ApiError StaleResourceVersion(ResourceKind kind, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {kind.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", ObjectDetails(kind, name));

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiError Forbidden(string user, string verb, ResourceKind kind, string? namespaceName, string? name)
    {
        var subject = name is null ? kind.QualifiedName : $"{kind.QualifiedName} \"{name}\"";
        var scope = namespaceName is null ? "at the cluster scope" : $"in the namespace \"{namespaceName}\"";
        var details = new JsonObject();
        if (name is not null)
        {
            details["name"] = name;
        }

        if (kind.Group.Length > 0)
        {
            details["group"] = kind.Group;
        }

        details["kind"] = kind.Plural;
        return new ApiError(403, "Forbidden", $"{subject} is forbidden: User \"{user}\" cannot {verb} resource \"{kind.Plural}\" in API group \"{kind.Group}\" {scope}", details);
    }

    public static ApiError Invalid(ResourceKind kind, string name, IReadOnlyList<(string Field, string Reason, string Message)> causes)
    {
        var details = ObjectDetails(kind, name);
        details["kind"] = kind.Kind;
        details["causes"] = new JsonArray([.. causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field })]);
        var parts = causes.Select(c => $"{c.Field}: {c.Message}").ToList();
        var summary = parts.Count == 1 ? parts[0] : $"[{string.Join(", ", parts)}]";
        var qualifiedKind = kind.Group.Length == 0 ? kind.Kind : $"{kind.Kind}.{kind.Group}";
        return new ApiError(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    public static ApiError UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})");

    public static ApiError Expired(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    public static ApiError PageNotFound() => new(404, "NotFound", "the server could not find the requested resource");

    private static JsonObject ObjectDetails(ResourceKind kind, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (kind.Group.Length > 0)
        {
            details["group"] = kind.Group;
        }

        details["kind"] = kind.Plural;
        return details;
    }
}
