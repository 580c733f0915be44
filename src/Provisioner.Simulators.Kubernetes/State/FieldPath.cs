using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Simulators.Kubernetes.State;

/// <summary>
/// Field paths as server-side apply tracks them (the <c>FieldsV1</c> notation): <c>f:name</c> for a
/// map field, <c>k:{"name":"app"}</c> for an item of a list keyed by merge keys, <c>.</c> for the item
/// itself. Lists without merge keys are atomic: owned and compared whole.
/// </summary>
internal static class FieldPath
{
    /// <summary>Separates the elements of a path held as one string.</summary>
    public const char Separator = '\n';

    // Fields the server sets or that identify the object: never owned by a manager.
    private static readonly HashSet<string> ServerMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink"];

    /// <summary>The merge keys of a list at <paramref name="path"/>, or null for an atomic list (the subset of the built-in schemas the simulator serves).</summary>
    public static IReadOnlyList<string>? MergeKeys(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return null;
        }

        var field = path[^1];
        var inContainer = path.Take(path.Count - 1).Any(e => e is "f:containers" or "f:initContainers" or "f:ephemeralContainers");
        return field switch
        {
            "f:containers" or "f:initContainers" or "f:ephemeralContainers" or "f:env" or "f:volumes" or "f:imagePullSecrets" => ["name"],
            "f:ports" when inContainer => ["containerPort", "protocol"],
            "f:ports" => ["port", "protocol"],
            "f:volumeMounts" => ["mountPath"],
            "f:ownerReferences" => ["uid"],
            "f:conditions" => ["type"],
            _ => null,
        };
    }

    /// <summary>The leaf paths an object sets: what a manager owns when it applies it.</summary>
    public static HashSet<string> Leaves(JsonObject obj, bool includeStatus)
    {
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            if (name is "apiVersion" or "kind" || value is null || (name == "status" && !includeStatus))
            {
                continue;
            }

            if (name == "metadata" && value is JsonObject metadata)
            {
                foreach (var (field, fieldValue) in metadata)
                {
                    if (!ServerMetadata.Contains(field) && fieldValue is not null)
                    {
                        Collect(["f:metadata", "f:" + field], fieldValue, leaves);
                    }
                }

                continue;
            }

            Collect(["f:" + name], value, leaves);
        }

        return leaves;
    }

    /// <summary>The leaf paths whose value differs between two versions of an object (set, changed or removed).</summary>
    public static (HashSet<string> Changed, HashSet<string> Removed) Diff(JsonObject? before, JsonObject after, bool includeStatus)
    {
        var afterLeaves = Leaves(after, includeStatus);
        var beforeLeaves = before is null ? [] : Leaves(before, includeStatus);
        var changed = afterLeaves.Where(p => before is null || !beforeLeaves.Contains(p) || !JsonNode.DeepEquals(ValueAt(before, p), ValueAt(after, p))).ToHashSet(StringComparer.Ordinal);
        var removed = beforeLeaves.Where(p => !afterLeaves.Contains(p)).ToHashSet(StringComparer.Ordinal);
        return (changed, removed);
    }

    /// <summary>The value at a path, or null when absent (for an item marker <c>.</c>, the item).</summary>
    public static JsonNode? ValueAt(JsonNode? root, string path)
    {
        var node = root;
        foreach (var element in path.Split(Separator))
        {
            node = Step(node, element);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Removes the field or list item at a path, when present.</summary>
    public static void Remove(JsonObject root, string path)
    {
        var elements = path.Split(Separator);
        if (elements[^1] == ".")
        {
            elements = elements[..^1];
        }

        JsonNode? parent = root;
        foreach (var element in elements[..^1])
        {
            parent = Step(parent, element);
            if (parent is null)
            {
                return;
            }
        }

        var last = elements[^1];
        if (last.StartsWith("f:", StringComparison.Ordinal) && parent is JsonObject map)
        {
            map.Remove(last[2..]);
        }
        else if (last.StartsWith("k:", StringComparison.Ordinal) && parent is JsonArray list && Step(list, last) is { } item)
        {
            list.Remove(item);
        }
    }

    /// <summary>Merges an applied configuration into a live object: maps field by field, keyed lists item by item, everything else replaced.</summary>
    public static void Merge(JsonObject live, JsonObject applied, List<string>? path = null)
    {
        path ??= [];
        foreach (var (name, value) in applied)
        {
            if (value is null)
            {
                continue;
            }

            path.Add("f:" + name);
            var keys = value is JsonArray ? MergeKeys(path) : null;
            if (value is JsonObject appliedMap && live[name] is JsonObject liveMap)
            {
                Merge(liveMap, appliedMap, path);
            }
            else if (value is JsonArray appliedList && keys is not null && live[name] is JsonArray liveList)
            {
                foreach (var item in appliedList.OfType<JsonObject>())
                {
                    var key = KeyElement(item, keys);
                    if (Step(liveList, key) is JsonObject existing)
                    {
                        path.Add(key);
                        Merge(existing, item, path);
                        path.RemoveAt(path.Count - 1);
                    }
                    else
                    {
                        liveList.Add(item.DeepClone());
                    }
                }
            }
            else
            {
                live[name] = value.DeepClone();
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>A set of paths in the <c>fieldsV1</c> tree notation of <c>managedFields</c>.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in path.Split(Separator))
            {
                if (node[element] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[element] = child;
                }

                node = child;
            }
        }

        return root;
    }

    /// <summary>The leaf paths of a <c>fieldsV1</c> tree.</summary>
    public static HashSet<string> FromFieldsV1(JsonObject? fields)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonObject node, string prefix)
        {
            foreach (var (element, child) in node)
            {
                var path = prefix.Length == 0 ? element : prefix + Separator + element;
                if (child is JsonObject { Count: > 0 } inner)
                {
                    Walk(inner, path);
                }
                else
                {
                    paths.Add(path);
                }
            }
        }

        if (fields is not null)
        {
            Walk(fields, string.Empty);
        }

        return paths;
    }

    /// <summary>How a path reads in a conflict message: <c>.spec.rules</c>, <c>.spec.template.spec.containers[name="app"].image</c>.</summary>
    public static string Describe(string path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var element in path.Split(Separator))
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                text.Append('.').Append(element[2..]);
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal))
            {
                var key = JsonNode.Parse(element[2..])!.AsObject();
                text.Append('[').Append(string.Join(",", key.Select(k => $"{k.Key}={k.Value!.ToJsonString()}"))).Append(']');
            }
        }

        return text.ToString();
    }

    private static void Collect(List<string> path, JsonNode value, HashSet<string> leaves)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } map:
                foreach (var (name, child) in map)
                {
                    if (child is not null)
                    {
                        path.Add("f:" + name);
                        Collect(path, child, leaves);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                break;
            case JsonArray list when MergeKeys(path) is { } keys:
                foreach (var item in list.OfType<JsonObject>())
                {
                    path.Add(KeyElement(item, keys));
                    leaves.Add(string.Join(Separator, path.Append(".")));
                    Collect(path, item, leaves);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            default:
                leaves.Add(string.Join(Separator, path));
                break;
        }
    }

    private static JsonNode? Step(JsonNode? node, string element)
    {
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            return node is JsonObject map ? map[element[2..]] : null;
        }

        if (element.StartsWith("k:", StringComparison.Ordinal) && node is JsonArray list)
        {
            var key = JsonNode.Parse(element[2..])!.AsObject();
            return list.OfType<JsonObject>().FirstOrDefault(item => key.All(k => JsonNode.DeepEquals(KeyValue(item, k.Key), k.Value)));
        }

        return element == "." ? node : null;
    }

    private static string KeyElement(JsonObject item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var name in keys.Order(StringComparer.Ordinal))
        {
            key[name] = KeyValue(item, name)?.DeepClone();
        }

        return "k:" + key.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    // A missing protocol is TCP, its default, so a port keys the same before and after defaulting.
    private static JsonNode? KeyValue(JsonObject item, string name) =>
        item[name] ?? (name == "protocol" ? JsonValue.Create("TCP") : null);
}
