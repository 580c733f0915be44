namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>
/// An object as Jenkins' remote API exports it (a Stapler <c>@ExportedBean</c>): its class, when the
/// API names it, and its properties with their visibility. Values are computed only when a property
/// is written, so objects that refer to each other (a job, its queue item, the item's task) are cheap.
/// </summary>
/// <param name="className">The <c>_class</c> Jenkins writes, or null where the declared type already says it (Stapler's IF_NEEDED rule).</param>
internal sealed class ExportedObject(string? className)
{
    public string? ClassName { get; } = className;

    public List<ExportedProperty> Properties { get; } = [];

    /// <summary>Adds a property computed when written; <paramref name="visibility"/> as in <c>@Exported(visibility = …)</c>, <paramref name="inline"/> as in <c>@Exported(inline = true)</c>.</summary>
    public ExportedObject Lazy(string name, Func<object?> value, int visibility = 1, bool inline = false)
    {
        Properties.Add(new ExportedProperty(name, value, visibility, inline));
        return this;
    }

    /// <summary>Adds a property whose value is already known.</summary>
    public ExportedObject Add(string name, object? value, int visibility = 1) => Lazy(name, () => value, visibility);
}

/// <summary>One exported property. Values are null, strings, booleans, numbers, <see cref="ExportedObject"/>s or sequences of them.</summary>
internal sealed record ExportedProperty(string Name, Func<object?> Value, int Visibility, bool Inline);
