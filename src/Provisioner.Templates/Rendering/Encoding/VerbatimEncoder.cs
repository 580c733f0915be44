namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// No escaping, for values that are data rather than a file (Jenkins build parameters): the build
/// server transmits them URL-encoded and the Jenkinsfile reads them as strings.
/// </summary>
internal sealed class VerbatimEncoder : ValueEncoder
{
    public static VerbatimEncoder Instance { get; } = new();

    public override string Format => "build parameter";

    public override string Encode(string value) => value;
}
