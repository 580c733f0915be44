namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>A value that cannot be written into a file of some format without changing the file's structure.</summary>
internal sealed class UnsafeValueException(string value, string format, string reason) : Exception(reason)
{
    public string Value { get; } = value;

    public string Format { get; } = format;
}
