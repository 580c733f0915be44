using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>
/// What clients ask before anything else: <c>/version</c>, the legacy discovery lists, aggregated
/// discovery (kubectl since 1.30 asks for <c>APIGroupDiscoveryList</c> first) and the OpenAPI v3
/// documents kubectl reads to learn that PATCH takes <c>fieldValidation</c>.
/// </summary>
internal static class DiscoveryEndpoints
{
    public const string GitVersion = "v1.32.4";

    private const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/version", Version);
        app.MapGet("/api", (HttpRequest request) => WantsAggregated(request) ? Aggregated(core: true) : LegacyCore(request));
        app.MapGet("/apis", (HttpRequest request) => WantsAggregated(request) ? Aggregated(core: false) : LegacyGroups());
        app.MapGet("/api/{version}", (string version) => ResourceList(string.Empty, version));
        app.MapGet("/apis/{group}", (string group) => Group(group));
        app.MapGet("/apis/{group}/{version}", (string group, string version) => ResourceList(group, version));
        app.MapGet("/openapi/v3", OpenApiRoot);
        app.MapGet("/openapi/v3/api/{version}", (string version) => OpenApiDocument(string.Empty, version));
        app.MapGet("/openapi/v3/apis/{group}/{version}", (string group, string version) => OpenApiDocument(group, version));
    }

    private static IResult Version() => ApiJson.Result(new JsonObject
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-04-22T16:00:00Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    });

    // client-go asks for v2 (and v2beta1) aggregated discovery and falls back to the legacy lists when the answer's content type says otherwise.
    private static bool WantsAggregated(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal)
        && request.Headers.Accept.ToString().Contains("v=v2;", StringComparison.Ordinal);

    private static IResult LegacyCore(HttpRequest request) => ApiJson.Result(new JsonObject
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = request.Host.Value }),
    });

    private static IResult LegacyGroups() => ApiJson.Result(new JsonObject
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. NamedGroups().Select(g => (JsonNode)GroupJson(g))]),
    });

    private static IResult Group(string group) => NamedGroups().Contains(group)
        ? ApiJson.Result(GroupJson(group))
        : NotFound();

    private static IResult ResourceList(string group, string version)
    {
        var kinds = ResourceKind.All.Where(k => k.Group == group && k.Version == version).ToList();
        if (kinds.Count == 0)
        {
            return NotFound();
        }

        var resources = new JsonArray();
        foreach (var kind in kinds)
        {
            var resource = new JsonObject
            {
                ["name"] = kind.Plural,
                ["singularName"] = kind.Singular,
                ["namespaced"] = kind.Namespaced,
                ["kind"] = kind.Kind,
                ["verbs"] = Verbs(kind),
            };
            AddNames(resource, kind);
            resources.Add(resource);
            if (kind.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = kind.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = kind.Namespaced,
                    ["kind"] = kind.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return ApiJson.Result(new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        });
    }

    private static IResult Aggregated(bool core)
    {
        var items = new JsonArray();
        foreach (var (group, version) in ResourceKind.GroupVersions.Where(gv => (gv.Group.Length == 0) == core))
        {
            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (group.Length > 0)
            {
                metadata["name"] = group;
            }

            var resources = new JsonArray();
            foreach (var kind in ResourceKind.All.Where(k => k.Group == group && k.Version == version))
            {
                var responseKind = new JsonObject { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind };
                var resource = new JsonObject
                {
                    ["resource"] = kind.Plural,
                    ["responseKind"] = responseKind,
                    ["scope"] = kind.Namespaced ? "Namespaced" : "Cluster",
                    ["singularResource"] = kind.Singular,
                    ["verbs"] = Verbs(kind),
                };
                AddNames(resource, kind);

                if (kind.HasStatus)
                {
                    resource["subresources"] = new JsonArray(new JsonObject
                    {
                        ["subresource"] = "status",
                        ["responseKind"] = responseKind.DeepClone(),
                        ["verbs"] = new JsonArray("get", "patch", "update"),
                    });
                }

                resources.Add(resource);
            }

            items.Add(new JsonObject
            {
                ["metadata"] = metadata,
                ["versions"] = new JsonArray(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" }),
            });
        }

        return ApiJson.Result(new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        }, contentType: AggregatedContentType);
    }

    private static IResult OpenApiRoot()
    {
        var paths = new JsonObject();
        foreach (var (group, version) in ResourceKind.GroupVersions)
        {
            var path = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash=SIM{GitVersion.Replace(".", string.Empty, StringComparison.Ordinal)}" };
        }

        return ApiJson.Result(new JsonObject { ["paths"] = paths });
    }

    // Enough of the real documents for kubectl: each resource's operations, tagged with their kind, and the query parameters PATCH takes.
    private static IResult OpenApiDocument(string group, string version)
    {
        var kinds = ResourceKind.All.Where(k => k.Group == group && k.Version == version).ToList();
        if (kinds.Count == 0)
        {
            return NotFound();
        }

        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var kind in kinds)
        {
            var gvk = new JsonObject { ["group"] = kind.Group, ["version"] = kind.Version, ["kind"] = kind.Kind };
            var schemaName = $"io.k8s.api.{(kind.Group.Length == 0 ? "core" : kind.Group.Split('.')[0])}.{kind.Version}.{kind.Kind}";
            schemas[schemaName] = new JsonObject
            {
                ["type"] = "object",
                ["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone()),
            };
            var item = kind.Namespaced ? $"{kind.PathPrefix}/namespaces/{{namespace}}/{kind.Plural}/{{name}}" : $"{kind.PathPrefix}/{kind.Plural}/{{name}}";
            var collection = kind.Namespaced ? $"{kind.PathPrefix}/namespaces/{{namespace}}/{kind.Plural}" : $"{kind.PathPrefix}/{kind.Plural}";
            paths[item] = new JsonObject
            {
                ["get"] = Operation("read", kind, gvk, schemaName, []),
                ["put"] = Operation("replace", kind, gvk, schemaName, ["dryRun", "fieldManager", "fieldValidation"]),
                ["patch"] = Operation("patch", kind, gvk, schemaName, ["dryRun", "fieldManager", "fieldValidation", "force"]),
                ["delete"] = Operation("delete", kind, gvk, schemaName, ["dryRun", "gracePeriodSeconds", "propagationPolicy"]),
            };
            paths[collection] = new JsonObject
            {
                ["get"] = Operation("list", kind, gvk, schemaName, ["labelSelector", "fieldSelector", "resourceVersion", "watch", "timeoutSeconds", "limit", "continue"]),
                ["post"] = Operation("create", kind, gvk, schemaName, ["dryRun", "fieldManager", "fieldValidation"]),
            };
        }

        return ApiJson.Result(new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        });
    }

    private static JsonObject Operation(string action, ResourceKind kind, JsonObject gvk, string schemaName, string[] queryParameters)
    {
        var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
        return new JsonObject
        {
            ["operationId"] = $"{action}{kind.Kind}",
            ["parameters"] = new JsonArray([.. queryParameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p,
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = p is "force" or "watch" ? "boolean" : "string", ["uniqueItems"] = true },
            })]),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = reference } },
                },
            },
            ["x-kubernetes-action"] = action switch { "read" => "get", "replace" => "put", "create" => "post", _ => action },
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
    }

    private static void AddNames(JsonObject resource, ResourceKind kind)
    {
        if (kind.ShortNames.Count > 0)
        {
            resource["shortNames"] = new JsonArray([.. kind.ShortNames.Select(s => (JsonNode)s)]);
        }

        if (kind.Categories.Count > 0)
        {
            resource["categories"] = new JsonArray([.. kind.Categories.Select(s => (JsonNode)s)]);
        }
    }

    private static JsonArray Verbs(ResourceKind kind) => new([.. ResourceKind.Verbs.Select(v => (JsonNode)v)]);

    private static IReadOnlyList<string> NamedGroups() => [.. ResourceKind.GroupVersions.Where(g => g.Group.Length > 0).Select(g => g.Group)];

    private static JsonObject GroupJson(string group)
    {
        var version = ResourceKind.GroupVersions.First(g => g.Group == group).Version;
        var groupVersion = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(groupVersion),
            ["preferredVersion"] = groupVersion.DeepClone(),
        };
    }

    private static IResult NotFound() => ApiJson.Result(ApiError.PageNotFound().ToStatus(), StatusCodes.Status404NotFound);
}
