using System.Text.Json.Nodes;

namespace Provisioner.Simulators.Kubernetes.State;

/// <summary>A field another manager owns with a different value than the one applied.</summary>
/// <param name="Owner">The owning managedFields entry.</param>
/// <param name="Path">The field.</param>
internal sealed record ApplyConflict(ManagedFieldsEntry Owner, string Path);

/// <summary>
/// Server-side apply: the applier owns exactly the fields of its configuration; a field another
/// manager owns may be set to the same value (shared ownership) but changing it is a conflict unless
/// forced; fields the applier set before and no longer sets are removed when nobody else owns them.
/// </summary>
internal static class ServerSideApply
{
    /// <summary>Applies <paramref name="config"/> over <paramref name="live"/> (null: create) and returns the new object, or the conflicts.</summary>
    public static (JsonObject? Result, IReadOnlyList<ApplyConflict> Conflicts) Apply(
        JsonObject? live, JsonObject config, string manager, bool force, string apiVersion, string now)
    {
        var applied = FieldPath.Leaves(config, includeStatus: false);
        var entries = live is null ? [] : ManagedFields.Read(live);
        var conflicts = new List<ApplyConflict>();
        foreach (var entry in entries.Where(e => !(e.Manager == manager && e.Operation == "Apply")))
        {
            foreach (var path in entry.Fields.Where(applied.Contains))
            {
                if (!path.EndsWith(FieldPath.Separator + ".", StringComparison.Ordinal)
                    && !JsonNode.DeepEquals(FieldPath.ValueAt(live, path), FieldPath.ValueAt(config, path)))
                {
                    conflicts.Add(new ApplyConflict(entry, path));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            return (null, conflicts);
        }

        var result = live?.DeepClone().AsObject() ?? new JsonObject();
        var previous = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply");
        var takenAway = conflicts.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var others = entries.Where(e => e != previous)
            .Select(e => e.Fields.Overlaps(takenAway) ? e with { Fields = e.Fields.Where(p => !takenAway.Contains(p)).ToHashSet(StringComparer.Ordinal) } : e)
            .ToList();

        // Fields this manager applied before and leaves out now go, unless someone else still owns them.
        if (previous is not null)
        {
            var stillOwned = others.SelectMany(e => e.Fields).ToHashSet(StringComparer.Ordinal);
            foreach (var path in previous.Fields.Where(p => !applied.Contains(p) && !stillOwned.Contains(p)).OrderByDescending(p => p.Length))
            {
                FieldPath.Remove(result, path);
            }
        }

        FieldPath.Merge(result, WithoutServerFields(config));
        var unchanged = previous is not null && previous.Fields.SetEquals(applied);
        var mine = unchanged ? previous! : new ManagedFieldsEntry(manager, "Apply", apiVersion, now, applied, null);
        var ordered = new List<ManagedFieldsEntry>();
        var placed = false;
        foreach (var entry in entries)
        {
            if (entry == previous)
            {
                ordered.Add(mine);
                placed = true;
            }
            else
            {
                ordered.Add(others.First(o => o.Manager == entry.Manager && o.Operation == entry.Operation && o.Subresource == entry.Subresource));
            }
        }

        if (!placed)
        {
            ordered.Add(mine);
        }

        result["metadata"] ??= new JsonObject();
        ManagedFields.Write(result, ordered);
        return (result, []);
    }

    /// <summary>The real server's conflict message: one line for one conflict, a list per manager for more.</summary>
    public static string Describe(IReadOnlyList<ApplyConflict> conflicts)
    {
        if (conflicts.Count == 1)
        {
            return $"Apply failed with 1 conflict: {conflicts[0].Owner.ConflictSubject}: {FieldPath.Describe(conflicts[0].Path)}";
        }

        var groups = conflicts.GroupBy(c => c.Owner.ConflictSubject.Replace("conflict with", "conflicts with", StringComparison.Ordinal))
            .Select(g => $"{g.Key}:\n{string.Join("\n", g.Select(c => "- " + FieldPath.Describe(c.Path)))}");
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", groups)}";
    }

    private static JsonObject WithoutServerFields(JsonObject config)
    {
        var copy = config.DeepClone().AsObject();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in new[] { "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "managedFields", "selfLink" })
            {
                metadata.Remove(field);
            }
        }

        return copy;
    }
}
