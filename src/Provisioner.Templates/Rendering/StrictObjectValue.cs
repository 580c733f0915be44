using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace Provisioner.Templates.Rendering;

/// <summary>
/// An object in the template model whose members are fixed: reading a member it does not have is
/// an error naming the full path (<c>site.domian</c>), where Fluid would render an empty string.
/// </summary>
internal sealed class StrictObjectValue(string path, IReadOnlyDictionary<string, FluidValue> members) : FluidValue
{
    public string Path { get; } = path;

    public IReadOnlyDictionary<string, FluidValue> Members { get; } = members;

    public override FluidValues Type => FluidValues.Object;

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => new(Member(name));

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => new(Member(index.ToStringValue()));

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => throw WholeObject();

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => throw WholeObject();

    public override object ToObjectValue() => Members;

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => Path.GetHashCode(StringComparison.Ordinal);

    private FluidValue Member(string name) =>
        Members.TryGetValue(name, out var value)
            ? value
            : throw new UndefinedVariableException($"{Path}.{name}", $"variable '{Path}.{name}' is not defined; '{Path}' has: {string.Join(", ", Members.Keys)}.");

    private UndefinedVariableException WholeObject() =>
        new(Path, $"variable '{Path}' is an object and cannot be written out; use one of {string.Join(", ", Members.Keys.Select(k => Path + "." + k))}.");
}
