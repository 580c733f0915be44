using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisioner.Simulators.Kubernetes.State;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>
/// The resource API: get, list (selectors, watch), create, update, patch (server-side apply and
/// JSON merge patch) and delete, on the real paths, for every <see cref="ResourceKind"/>.
/// </summary>
internal static class ResourceEndpoints
{
    private const string ApplyPatch = "application/apply-patch+yaml";
    private const string MergePatch = "application/merge-patch+json";

    public static void MapResources(this IEndpointRouteBuilder app, ObjectStore store, KubernetesSimulatorOptions options)
    {
        // Handlers return IResult: typed as Delegate so the minimal API writes it (a bare HttpContext lambda would be a RequestDelegate).
        Delegate Handler(Func<HttpContext, ObjectStore, KubernetesSimulatorOptions, bool, Task<IResult>> handler, bool namespaced) =>
            (HttpContext context) => handler(context, store, options, namespaced);

        foreach (var prefix in new[] { "/api/{version}", "/apis/{group}/{version}" })
        {
            var routes = app.MapGroup(prefix);
            foreach (var (collection, namespaced) in new[] { ("/{resource}", false), ("/namespaces/{namespace}/{resource}", true) })
            {
                routes.MapGet(collection, Handler(Collection, namespaced));
                routes.MapPost(collection, Handler(Create, namespaced));
                routes.MapGet(collection + "/{name}", Handler(Get, namespaced));
                routes.MapPut(collection + "/{name}", Handler(Update, namespaced));
                routes.MapPatch(collection + "/{name}", Handler(Patch, namespaced));
                routes.MapDelete(collection + "/{name}", Handler(Delete, namespaced));
            }
        }
    }

    private static Task<IResult> Get(HttpContext context, ObjectStore store, KubernetesSimulatorOptions options, bool namespaced) =>
        Handle(context, options, namespaced, "get", request =>
        {
            var obj = store.Get(request.Kind, request.Namespace, request.Name!) ?? throw ApiError.NotFound(request.Kind, request.Name!);
            return Task.FromResult(Tables.Wanted(context.Request.Headers.Accept.ToString())
                ? ApiJson.Result(Tables.Build(request.Kind, [obj], store.ResourceVersion, store.Time.GetUtcNow(), IncludeObject(context)))
                : ApiJson.Result(obj));
        });

    private static async Task<IResult> Collection(HttpContext context, ObjectStore store, KubernetesSimulatorOptions options, bool namespaced)
    {
        var watch = IsTrue(context.Request.Query["watch"]);
        return await Handle(context, options, namespaced, watch ? "watch" : "list", async request =>
        {
            var filter = Selectors.Parse(request.Kind, context.Request.Query["labelSelector"], context.Request.Query["fieldSelector"]);
            if (watch)
            {
                await WatchAsync(context, store, request, filter);
                return Results.Empty;
            }

            var (items, resourceVersion) = store.List(request.Kind, request.Namespace, filter);
            if (Tables.Wanted(context.Request.Headers.Accept.ToString()))
            {
                return ApiJson.Result(Tables.Build(request.Kind, items, resourceVersion, store.Time.GetUtcNow(), IncludeObject(context)));
            }

            foreach (var item in items)
            {
                // Items of a typed list carry no kind or apiVersion: the list's kind says it.
                item.Remove("kind");
                item.Remove("apiVersion");
            }

            return ApiJson.Result(new JsonObject
            {
                ["kind"] = request.Kind.Kind + "List",
                ["apiVersion"] = request.Kind.ApiVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
                ["items"] = new JsonArray([.. items]),
            });
        });
    }

    private static Task<IResult> Create(HttpContext context, ObjectStore store, KubernetesSimulatorOptions options, bool namespaced) =>
        Handle(context, options, namespaced, "create", async request =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request);
            CheckKind(request.Kind, body);
            CheckNamespace(request, body);
            var created = store.Create(request.Kind, request.Namespace, body, Manager(context, "create"));
            return ApiJson.Result(created, StatusCodes.Status201Created);
        });

    private static Task<IResult> Update(HttpContext context, ObjectStore store, KubernetesSimulatorOptions options, bool namespaced) =>
        Handle(context, options, namespaced, "update", async request =>
        {
            var body = await ApiJson.ReadObjectAsync(context.Request);
            CheckKind(request.Kind, body);
            CheckNamespace(request, body);
            CheckName(request, body);
            return ApiJson.Result(store.Update(request.Kind, request.Namespace, request.Name!, body, Manager(context, "update")));
        });

    private static Task<IResult> Patch(HttpContext context, ObjectStore store, KubernetesSimulatorOptions options, bool namespaced) =>
        Handle(context, options, namespaced, "patch", async request =>
        {
            var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
            if (contentType == ApplyPatch)
            {
                var manager = context.Request.Query["fieldManager"].ToString();
                if (manager.Length == 0)
                {
                    throw ApiError.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
                }

                var config = await ApiJson.ReadObjectAsync(context.Request);
                CheckKind(request.Kind, config);
                CheckNamespace(request, config);
                CheckName(request, config);
                var (applied, created) = store.Apply(request.Kind, request.Namespace, request.Name!, config, manager, IsTrue(context.Request.Query["force"]));
                return ApiJson.Result(applied, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            }

            if (contentType == MergePatch)
            {
                var patch = await ApiJson.ReadObjectAsync(context.Request);
                return ApiJson.Result(store.MergePatch(request.Kind, request.Namespace, request.Name!, patch, Manager(context, "patch")));
            }

            throw ApiError.UnsupportedMediaType(contentType);
        });

    private static Task<IResult> Delete(HttpContext context, ObjectStore store, KubernetesSimulatorOptions options, bool namespaced) =>
        Handle(context, options, namespaced, "delete", request =>
        {
            var deleted = store.Delete(request.Kind, request.Namespace, request.Name!);
            var details = new JsonObject { ["name"] = request.Name, ["kind"] = request.Kind.Plural, ["uid"] = deleted["metadata"]?["uid"]?.DeepClone() };
            if (request.Kind.Group.Length > 0)
            {
                details["group"] = request.Kind.Group;
            }

            return Task.FromResult(ApiJson.Result(new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = details,
            }));
        });

    // Watch events, one JSON object a line, flushed as they happen, until the client leaves or timeoutSeconds passes.
    private static async Task WatchAsync(HttpContext context, ObjectStore store, ResourceRequest request, Func<JsonObject, bool> filter)
    {
        long? since = long.TryParse(context.Request.Query["resourceVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : null;
        var sendInitialEvents = IsTrue(context.Request.Query["sendInitialEvents"]);
        using var subscription = store.Watch(request.Kind, request.Namespace, filter, since, sendInitialEvents);
        var timeout = int.TryParse(context.Request.Query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        stop.CancelAfter(timeout);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(stop.Token);

        // Headers go out now, as the API server sends them: a client waits for them before it does anything else.
        await context.Response.Body.FlushAsync(stop.Token);
        try
        {
            await foreach (var watchEvent in subscription.Events.ReadAllAsync(stop.Token))
            {
                await context.Response.WriteAsync(ApiJson.Serialize(watchEvent) + "\n", Encoding.UTF8, stop.Token);
                await context.Response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client left, or the watch timed out: the stream just ends, as the API server's does.
        }
    }

    private static async Task<IResult> Handle(HttpContext context, KubernetesSimulatorOptions options, bool namespaced, string verb, Func<ResourceRequest, Task<IResult>> handler)
    {
        try
        {
            var route = context.Request.RouteValues;
            var group = route["group"] as string ?? string.Empty;
            var version = route["version"] as string ?? string.Empty;
            var kind = ResourceKind.Find(group, version, route["resource"] as string ?? string.Empty);
            if (kind is null || (namespaced && !kind.Namespaced))
            {
                throw ApiError.PageNotFound();
            }

            var request = new ResourceRequest(kind, namespaced ? route["namespace"] as string : null, route["name"] as string);
            if (kind.Namespaced && !namespaced && verb is not ("list" or "watch"))
            {
                throw ApiError.PageNotFound();
            }

            if (!options.Access.Allows(verb, kind.Group, kind.Plural))
            {
                throw ApiError.Forbidden(options.UserName, verb, kind, request.Namespace, request.Name);
            }

            return await handler(request);
        }
        catch (ApiError error)
        {
            return ApiJson.Result(error.ToStatus(), error.Code);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A simulator defect answers as the API server answers its own: 500 InternalError, saying what broke.
            return ApiJson.Result(new ApiError(500, "InternalError", $"Internal error occurred: {ex.GetType().Name}: {ex.Message}").ToStatus(), StatusCodes.Status500InternalServerError);
        }
    }

    private static void CheckKind(ResourceKind kind, JsonObject body)
    {
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        var bodyKind = body["kind"]?.GetValue<string>();
        if ((apiVersion is not null && apiVersion != kind.ApiVersion) || (bodyKind is not null && bodyKind != kind.Kind))
        {
            throw ApiError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})");
        }
    }

    private static void CheckNamespace(ResourceRequest request, JsonObject body)
    {
        if (request.Namespace is not null && body["metadata"]?["namespace"]?.GetValue<string>() is { Length: > 0 } given && given != request.Namespace)
        {
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static void CheckName(ResourceRequest request, JsonObject body)
    {
        var given = body["metadata"]?["name"]?.GetValue<string>();
        if (given != request.Name)
        {
            throw ApiError.BadRequest($"the name of the object ({given}) does not match the name on the URL ({request.Name})");
        }
    }

    // Without ?fieldManager the API server names the manager after the client's user agent, up to its first '/'.
    private static string Manager(HttpContext context, string fallback)
    {
        var manager = context.Request.Query["fieldManager"].ToString();
        if (manager.Length > 0)
        {
            return manager;
        }

        var agent = context.Request.Headers.UserAgent.ToString();
        return agent.Length > 0 ? agent.Split('/')[0] : fallback;
    }

    private static bool IncludeObject(HttpContext context) =>
        string.Equals(context.Request.Query["includeObject"], "Object", StringComparison.Ordinal);

    private static bool IsTrue(string? value) => value is "true" or "1";

    private sealed record ResourceRequest(ResourceKind Kind, string? Namespace, string? Name);
}
