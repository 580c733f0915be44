using System.Text.Json.Nodes;

namespace Provisioner.Simulators.Kubernetes.Api;

/// <summary>The <c>labelSelector</c> and <c>fieldSelector</c> query parameters of list and watch calls.</summary>
internal static class Selectors
{
    private static readonly IReadOnlyDictionary<ResourceKind, string[]> FieldLabels = new Dictionary<ResourceKind, string[]>
    {
        [ResourceKind.Pods] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        [ResourceKind.Events] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        [ResourceKind.ReplicaSets] = ["status.replicas"],
        [ResourceKind.Namespaces] = ["status.phase"],
    };

    /// <summary>A predicate for both selectors; throws a 400 <see cref="ApiError"/> as the server does for a bad one.</summary>
    public static Func<JsonObject, bool> Parse(ResourceKind kind, string? labelSelector, string? fieldSelector)
    {
        var labels = ParseLabels(labelSelector);
        var fields = ParseFields(kind, fieldSelector);
        return obj => labels(obj["metadata"]?["labels"] as JsonObject) && fields(obj);
    }

    private static Func<JsonObject?, bool> ParseLabels(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return _ => true;
        }

        var requirements = new List<Func<JsonObject?, bool>>();
        foreach (var term in SplitTopLevel(selector))
        {
            var t = term.Trim();
            string? Value(JsonObject? l, string key) => l?[key]?.GetValue<string>();
            if (t.StartsWith('!'))
            {
                var key = t[1..].Trim();
                requirements.Add(l => Value(l, key) is null);
            }
            else if (t.Contains(" notin ", StringComparison.Ordinal) || t.Contains(" in ", StringComparison.Ordinal))
            {
                var notIn = t.Contains(" notin ", StringComparison.Ordinal);
                var parts = t.Split(notIn ? " notin " : " in ", 2, StringSplitOptions.TrimEntries);
                var set = parts[1].Trim('(', ')').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                var key = parts[0];
                requirements.Add(notIn ? l => Value(l, key) is not { } v || !set.Contains(v) : l => Value(l, key) is { } v && set.Contains(v));
            }
            else if (t.Contains("!=", StringComparison.Ordinal))
            {
                var parts = t.Split("!=", 2, StringSplitOptions.TrimEntries);
                requirements.Add(l => Value(l, parts[0]) != parts[1]);
            }
            else if (t.Contains('=', StringComparison.Ordinal))
            {
                var parts = t.Split(t.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2, StringSplitOptions.TrimEntries);
                requirements.Add(l => Value(l, parts[0]) == parts[1]);
            }
            else if (t.Length > 0)
            {
                requirements.Add(l => Value(l, t) is not null);
            }
        }

        return l => requirements.All(r => r(l));
    }

    private static Func<JsonObject, bool> ParseFields(ResourceKind kind, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return _ => true;
        }

        var requirements = new List<Func<JsonObject, bool>>();
        foreach (var term in selector.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                throw ApiError.BadRequest($"invalid selector: '{selector}'; can't understand '{term}'");
            }

            var field = parts[0];
            var supported = field is "metadata.name" or "metadata.namespace" || (FieldLabels.TryGetValue(kind, out var labels) && labels.Contains(field));
            if (!supported)
            {
                throw ApiError.BadRequest($"field label not supported: {field}");
            }

            var expected = parts[1];
            requirements.Add(obj => (FieldValue(obj, field) == expected) != negate);
        }

        return obj => requirements.All(r => r(obj));
    }

    private static string FieldValue(JsonObject obj, string field)
    {
        if (field == "source")
        {
            return obj["source"]?["component"]?.GetValue<string>() ?? string.Empty;
        }

        JsonNode? node = obj;
        foreach (var part in field.Split('.'))
        {
            node = node?[part];
        }

        return node switch
        {
            null => string.Empty,
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }

    // Commas inside "in (a,b)" sets do not separate requirements.
    private static IEnumerable<string> SplitTopLevel(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }
}
