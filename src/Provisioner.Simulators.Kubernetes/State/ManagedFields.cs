using System.Text.Json.Nodes;

namespace Provisioner.Simulators.Kubernetes.State;

/// <summary>One <c>metadata.managedFields</c> entry: who owns which fields, through which operation.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, HashSet<string> Fields, string? Subresource)
{
    /// <summary>The conflict wording of the real server: Apply managers by name, Update managers with their API version.</summary>
    public string ConflictSubject => Operation == "Apply" ? $"conflict with \"{Manager}\"" : $"conflict with \"{Manager}\" using {ApiVersion}";

    public JsonObject ToJson()
    {
        var entry = new JsonObject
        {
            ["manager"] = Manager,
            ["operation"] = Operation,
            ["apiVersion"] = ApiVersion,
            ["time"] = Time,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = FieldPath.ToFieldsV1(Fields),
        };
        if (Subresource is not null)
        {
            entry["subresource"] = Subresource;
        }

        return entry;
    }
}

/// <summary>Reads and writes an object's <c>managedFields</c> and does field ownership for apply and update.</summary>
internal static class ManagedFields
{
    public static List<ManagedFieldsEntry> Read(JsonObject obj) =>
        obj["metadata"]?["managedFields"] is JsonArray entries
            ? [.. entries.OfType<JsonObject>().Select(e => new ManagedFieldsEntry(
                e["manager"]?.GetValue<string>() ?? string.Empty,
                e["operation"]?.GetValue<string>() ?? "Update",
                e["apiVersion"]?.GetValue<string>() ?? string.Empty,
                e["time"]?.GetValue<string>() ?? string.Empty,
                FieldPath.FromFieldsV1(e["fieldsV1"] as JsonObject),
                e["subresource"]?.GetValue<string>()))]
            : [];

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var metadata = obj["metadata"]!.AsObject();
        var list = entries.Where(e => e.Fields.Count > 0).ToList();
        if (list.Count == 0)
        {
            metadata.Remove("managedFields");
            return;
        }

        metadata["managedFields"] = new JsonArray([.. list.Select(e => (JsonNode)e.ToJson())]);
    }

    /// <summary>
    /// Records an Update by <paramref name="manager"/>: it takes the fields it changed from everyone,
    /// and fields it removed are no longer owned by anyone.
    /// </summary>
    public static void RecordUpdate(JsonObject? before, JsonObject after, string manager, string apiVersion, string now, string? subresource = null)
    {
        var entries = before is null ? [] : Read(before);
        var (changed, removed) = FieldPath.Diff(before, after, includeStatus: subresource == "status");
        if (subresource != "status")
        {
            changed.RemoveWhere(p => p.StartsWith("f:status", StringComparison.Ordinal));
        }

        var result = new List<ManagedFieldsEntry>();
        ManagedFieldsEntry? own = null;
        foreach (var entry in entries)
        {
            var fields = entry.Fields.Where(p => !changed.Contains(p) && !removed.Contains(p)).ToHashSet(StringComparer.Ordinal);
            if (entry.Manager == manager && entry.Operation == "Update" && entry.Subresource == subresource)
            {
                own = entry with { Fields = fields };
                continue;
            }

            result.Add(fields.SetEquals(entry.Fields) ? entry : entry with { Fields = fields });
        }

        if (changed.Count > 0)
        {
            var fields = own?.Fields ?? new HashSet<string>(StringComparer.Ordinal);
            fields.UnionWith(changed);
            result.Add(new ManagedFieldsEntry(manager, "Update", apiVersion, now, fields, subresource));
        }
        else if (own is not null)
        {
            result.Add(own);
        }

        Write(after, result);
    }
}
