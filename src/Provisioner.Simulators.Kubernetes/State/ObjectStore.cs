using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Provisioner.Simulators.Kubernetes.Api;

namespace Provisioner.Simulators.Kubernetes.State;

/// <summary>One change to a stored object, as watches see it.</summary>
/// <param name="ResourceVersion">The change's resource version.</param>
/// <param name="Kind">The resource.</param>
/// <param name="Before">The object before (null when created).</param>
/// <param name="After">The object after (null when deleted).</param>
internal sealed record StoredChange(long ResourceVersion, ResourceKind Kind, JsonObject? Before, JsonObject? After);

/// <summary>
/// The cluster's objects, like etcd behind the API server: one resource version counter for all
/// objects, a bounded history of changes for watches that resume, and subscribers for live ones.
/// Every method takes the lock; objects handed out are copies.
/// </summary>
internal sealed class ObjectStore(TimeProvider time, int historyLimit)
{
    private readonly Lock sync = new();
    private readonly Dictionary<ResourceKind, SortedDictionary<string, JsonObject>> objects = ResourceKind.All.ToDictionary(k => k, _ => new SortedDictionary<string, JsonObject>(StringComparer.Ordinal));
    private readonly LinkedList<StoredChange> history = new();
    private readonly List<Subscription> subscriptions = [];
    private long resourceVersion = 1;
    private int nextClusterIp = 10;

    /// <summary>Raised after every change made through the API, outside the lock (the controllers wake on it).</summary>
    public event Action? Changed;

    /// <summary>The current resource version (a list's <c>metadata.resourceVersion</c>).</summary>
    public long ResourceVersion
    {
        get
        {
            lock (sync)
            {
                return resourceVersion;
            }
        }
    }

    public TimeProvider Time => time;

    /// <summary>Now, as the API server writes timestamps (RFC 3339, seconds).</summary>
    public string Now() => Timestamp(time.GetUtcNow());

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public JsonObject? Get(ResourceKind kind, string? namespaceName, string name)
    {
        lock (sync)
        {
            return objects[kind].GetValueOrDefault(Key(namespaceName, name))?.DeepClone().AsObject();
        }
    }

    public (List<JsonObject> Items, long ResourceVersion) List(ResourceKind kind, string? namespaceName, Func<JsonObject, bool> filter)
    {
        lock (sync)
        {
            var items = objects[kind].Values
                .Where(o => namespaceName is null || Namespace(o) == namespaceName)
                .Where(filter)
                .Select(o => o.DeepClone().AsObject())
                .ToList();
            return (items, resourceVersion);
        }
    }

    public bool NamespaceExists(string namespaceName)
    {
        lock (sync)
        {
            return objects[ResourceKind.Namespaces].ContainsKey(Key(null, namespaceName));
        }
    }

    /// <summary>Creates an object as POST does: validates, defaults, sets the server's metadata, records the manager's fields.</summary>
    public JsonObject Create(ResourceKind kind, string? namespaceName, JsonObject obj, string manager)
    {
        lock (sync)
        {
            var name = Name(obj);
            RequireNamespace(kind, namespaceName);
            if (objects[kind].ContainsKey(Key(namespaceName, name)))
            {
                throw ApiError.AlreadyExists(kind, name);
            }

            var stored = Prepare(kind, namespaceName, obj, null);
            ManagedFields.RecordUpdate(null, stored, manager, kind.ApiVersion, Now());
            return Commit(kind, null, stored);
        }
    }

    /// <summary>Replaces an object as PUT does: a stale <c>resourceVersion</c> is a 409; status stays as the controllers wrote it.</summary>
    public JsonObject Update(ResourceKind kind, string? namespaceName, string name, JsonObject obj, string manager)
    {
        lock (sync)
        {
            var live = objects[kind].GetValueOrDefault(Key(namespaceName, name)) ?? throw ApiError.NotFound(kind, name);
            if (obj["metadata"]?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } expected && expected != ResourceVersionOf(live))
            {
                throw ApiError.StaleResourceVersion(kind, name);
            }

            var updated = Prepare(kind, namespaceName, obj, live);
            ManagedFields.RecordUpdate(live, updated, manager, kind.ApiVersion, Now());
            return CommitIfChanged(kind, live, updated);
        }
    }

    /// <summary>Server-side apply: creates or merges, with field ownership and conflicts (409 unless forced).</summary>
    public (JsonObject Object, bool Created) Apply(ResourceKind kind, string? namespaceName, string name, JsonObject config, string manager, bool force)
    {
        lock (sync)
        {
            RequireNamespace(kind, namespaceName);
            var live = objects[kind].GetValueOrDefault(Key(namespaceName, name));
            if (config["metadata"]?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } expected && (live is null || expected != ResourceVersionOf(live)))
            {
                throw live is null ? ApiError.NotFound(kind, name) : ApiError.StaleResourceVersion(kind, name);
            }

            var (merged, conflicts) = ServerSideApply.Apply(live, config, manager, force, kind.ApiVersion, Now());
            if (merged is null)
            {
                throw ConflictError(conflicts);
            }

            var managed = merged["metadata"]!["managedFields"]?.DeepClone();
            var prepared = Prepare(kind, namespaceName, merged, live);
            if (managed is null)
            {
                prepared["metadata"]!.AsObject().Remove("managedFields");
            }
            else
            {
                prepared["metadata"]!["managedFields"] = managed;
            }

            return live is null ? (Commit(kind, null, prepared), true) : (CommitIfChanged(kind, live, prepared), false);
        }
    }

    /// <summary>A JSON merge patch (RFC 7386), recorded as an Update by the manager.</summary>
    public JsonObject MergePatch(ResourceKind kind, string? namespaceName, string name, JsonObject patch, string manager)
    {
        lock (sync)
        {
            var live = objects[kind].GetValueOrDefault(Key(namespaceName, name)) ?? throw ApiError.NotFound(kind, name);
            var patched = live.DeepClone().AsObject();
            MergePatchInto(patched, patch);
            if (patch["metadata"]?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } expected && expected != ResourceVersionOf(live))
            {
                throw ApiError.StaleResourceVersion(kind, name);
            }

            var updated = Prepare(kind, namespaceName, patched, live);
            ManagedFields.RecordUpdate(live, updated, manager, kind.ApiVersion, Now());
            return CommitIfChanged(kind, live, updated);
        }
    }

    /// <summary>Deletes an object (and, for a namespace, everything in it); returns the deleted object.</summary>
    public JsonObject Delete(ResourceKind kind, string? namespaceName, string name)
    {
        JsonObject deleted;
        lock (sync)
        {
            var key = Key(namespaceName, name);
            var live = objects[kind].GetValueOrDefault(key) ?? throw ApiError.NotFound(kind, name);
            objects[kind].Remove(key);
            resourceVersion++;
            deleted = live.DeepClone().AsObject();
            deleted["metadata"]!["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
            Record(new StoredChange(resourceVersion, kind, live, null), deleted);
            if (kind == ResourceKind.Namespaces)
            {
                foreach (var (other, items) in objects)
                {
                    foreach (var (itemKey, item) in items.Where(i => Namespace(i.Value) == name).ToList())
                    {
                        items.Remove(itemKey);
                        resourceVersion++;
                        Record(new StoredChange(resourceVersion, other, item, null), item);
                    }
                }
            }
        }

        Changed?.Invoke();
        return deleted;
    }

    /// <summary>
    /// A write by the control plane (controllers, the kubelet): stores the object as given, status
    /// included, without field ownership; a no-op when nothing changed. Returns the stored copy.
    /// </summary>
    public JsonObject? SystemWrite(ResourceKind kind, JsonObject obj, string? manager = null)
    {
        JsonObject? result;
        lock (sync)
        {
            var namespaceName = Namespace(obj);
            var name = Name(obj);
            var live = objects[kind].GetValueOrDefault(Key(namespaceName, name));
            if (live is null)
            {
                if (kind.Namespaced && !objects[ResourceKind.Namespaces].ContainsKey(Key(null, namespaceName!)))
                {
                    return null;
                }

                var created = Prepare(kind, namespaceName, obj, null, keepStatus: true);
                if (manager is not null)
                {
                    ManagedFields.RecordUpdate(null, created, manager, kind.ApiVersion, Now());
                }

                result = Commit(kind, null, created, notify: false);
            }
            else
            {
                var updated = Prepare(kind, namespaceName, obj, live, keepStatus: true);
                updated["metadata"]!["managedFields"] = live["metadata"]?["managedFields"]?.DeepClone();
                if (updated["metadata"]!["managedFields"] is null)
                {
                    updated["metadata"]!.AsObject().Remove("managedFields");
                }

                result = CommitIfChanged(kind, live, updated, notify: false);
            }
        }

        return result;
    }

    /// <summary>Starts a watch. With a resource version, replays the changes after it (410 when they are no longer kept); without, starts with the current objects as ADDED.</summary>
    public Subscription Watch(ResourceKind kind, string? namespaceName, Func<JsonObject, bool> filter, long? since, bool sendInitialEvents)
    {
        lock (sync)
        {
            var subscription = new Subscription(this, kind, namespaceName, filter);
            if (since is null || since == 0 || sendInitialEvents)
            {
                foreach (var item in objects[kind].Values.Where(o => namespaceName is null || Namespace(o) == namespaceName).Where(filter))
                {
                    subscription.Send("ADDED", item.DeepClone().AsObject());
                }

                if (sendInitialEvents)
                {
                    subscription.Send("BOOKMARK", new JsonObject
                    {
                        ["kind"] = kind.Kind,
                        ["apiVersion"] = kind.ApiVersion,
                        ["metadata"] = new JsonObject
                        {
                            ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture),
                            ["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" },
                        },
                    });
                }
            }
            else
            {
                var oldest = history.First?.Value.ResourceVersion ?? resourceVersion;
                if (since < oldest - 1 && since < resourceVersion)
                {
                    throw ApiError.Expired(since.Value, oldest);
                }

                foreach (var change in history.Where(c => c.ResourceVersion > since && c.Kind == kind))
                {
                    subscription.Offer(change);
                }
            }

            subscriptions.Add(subscription);
            return subscription;
        }
    }

    internal void Unsubscribe(Subscription subscription)
    {
        lock (sync)
        {
            subscriptions.Remove(subscription);
        }
    }

    internal static string? Namespace(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>();

    internal static string Name(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;

    internal static string ResourceVersionOf(JsonObject obj) => obj["metadata"]?["resourceVersion"]?.GetValue<string>() ?? string.Empty;

    private static string Key(string? namespaceName, string name) => $"{namespaceName}/{name}";

    private static ApiError ConflictError(IReadOnlyList<ApplyConflict> conflicts)
    {
        var details = new JsonObject
        {
            ["causes"] = new JsonArray([.. conflicts.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = c.Owner.ConflictSubject,
                ["field"] = FieldPath.Describe(c.Path),
            })]),
        };
        return new ApiError(409, "Conflict", ServerSideApply.Describe(conflicts), details);
    }

    private static void MergePatchInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchMap)
            {
                if (target[name] is not JsonObject targetMap)
                {
                    target[name] = targetMap = new JsonObject();
                }

                MergePatchInto(targetMap, patchMap);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    private void RequireNamespace(ResourceKind kind, string? namespaceName)
    {
        if (kind.Namespaced && !objects[ResourceKind.Namespaces].ContainsKey(Key(null, namespaceName!)))
        {
            throw ApiError.NamespaceNotFound(namespaceName!);
        }
    }

    // Fills the server's metadata, defaults, generation; keeps the live status unless the control plane writes it.
    private JsonObject Prepare(ResourceKind kind, string? namespaceName, JsonObject input, JsonObject? live, bool keepStatus = false)
    {
        var obj = input.DeepClone().AsObject();
        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;
        if (obj["metadata"] is not JsonObject metadata)
        {
            obj["metadata"] = metadata = new JsonObject();
        }

        if (kind.Namespaced)
        {
            metadata["namespace"] = namespaceName;
        }
        else
        {
            metadata.Remove("namespace");
        }

        if (live is null)
        {
            if (metadata["name"] is null && metadata["generateName"]?.GetValue<string>() is { } prefix)
            {
                metadata["name"] = prefix + RandomSuffix.Next(5);
            }

            metadata["uid"] ??= Guid.NewGuid().ToString();
            metadata["creationTimestamp"] ??= Now();
            if (kind.TracksGeneration && (!keepStatus || metadata["generation"] is null))
            {
                // Control-plane writes (and seeded objects) keep a given generation.
                metadata["generation"] = 1;
            }

            if (kind.HasStatus && !keepStatus)
            {
                obj.Remove("status");
            }
        }
        else
        {
            metadata["uid"] = live["metadata"]!["uid"]!.DeepClone();
            metadata["creationTimestamp"] = live["metadata"]!["creationTimestamp"]!.DeepClone();
            if (kind.HasStatus && !keepStatus)
            {
                obj["status"] = live["status"]?.DeepClone();
                if (obj["status"] is null)
                {
                    obj.Remove("status");
                }
            }
        }

        metadata.Remove("resourceVersion");
        ResourceRules.ApplyDefaults(kind, obj, () => $"10.96.0.{nextClusterIp++ % 250 + 2}");
        ResourceRules.Validate(kind, obj);
        if (live is not null && kind.TracksGeneration)
        {
            // Compared after defaulting, which fills spec fields the input left out.
            var generation = live["metadata"]?["generation"]?.GetValue<long>() ?? 1;
            metadata["generation"] = JsonNode.DeepEquals(live["spec"], obj["spec"]) ? generation : generation + 1;
        }

        return obj;
    }

    private JsonObject Commit(ResourceKind kind, JsonObject? before, JsonObject after, bool notify = true)
    {
        // Stored as parsed JSON, so every number reads as any numeric type (a node built from an int does not read as a long).
        after = JsonNode.Parse(after.ToJsonString())!.AsObject();
        resourceVersion++;
        after["metadata"]!["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        objects[kind][Key(Namespace(after), Name(after))] = after;
        Record(new StoredChange(resourceVersion, kind, before, after), null);
        if (notify)
        {
            ThreadPool.QueueUserWorkItem(_ => Changed?.Invoke());
        }

        return after.DeepClone().AsObject();
    }

    private JsonObject CommitIfChanged(ResourceKind kind, JsonObject live, JsonObject updated, bool notify = true)
    {
        updated = JsonNode.Parse(updated.ToJsonString())!.AsObject();
        updated["metadata"]!["resourceVersion"] = live["metadata"]!["resourceVersion"]!.DeepClone();
        return JsonNode.DeepEquals(live, updated) ? live.DeepClone().AsObject() : Commit(kind, live, updated, notify);
    }

    private void Record(StoredChange change, JsonObject? deletedView)
    {
        history.AddLast(change);
        while (history.Count > historyLimit)
        {
            history.RemoveFirst();
        }

        foreach (var subscription in subscriptions.Where(s => s.Kind == change.Kind))
        {
            subscription.Offer(deletedView is null ? change : change with { Before = deletedView });
        }
    }

    /// <summary>One watch: a channel of watch events for the objects of one resource that pass its filter.</summary>
    internal sealed class Subscription(ObjectStore store, ResourceKind kind, string? namespaceName, Func<JsonObject, bool> filter) : IDisposable
    {
        private readonly Channel<JsonObject> events = Channel.CreateUnbounded<JsonObject>();

        public ResourceKind Kind => kind;

        public ChannelReader<JsonObject> Events => events.Reader;

        public void Dispose() => store.Unsubscribe(this);

        internal void Send(string type, JsonObject obj) => events.Writer.TryWrite(new JsonObject { ["type"] = type, ["object"] = obj });

        // A change seen through a selector: entering it is ADDED, leaving it DELETED.
        internal void Offer(StoredChange change)
        {
            var before = change.Before is { } b && InScope(b) && filter(b);
            var after = change.After is { } a && InScope(a) && filter(a);
            if (after)
            {
                Send(before ? "MODIFIED" : "ADDED", change.After!.DeepClone().AsObject());
            }
            else if (before)
            {
                var gone = (change.After ?? change.Before!).DeepClone().AsObject();
                gone["metadata"]!["resourceVersion"] = change.ResourceVersion.ToString(CultureInfo.InvariantCulture);
                Send("DELETED", gone);
            }
        }

        private bool InScope(JsonObject obj) => namespaceName is null || Namespace(obj) == namespaceName;
    }
}
