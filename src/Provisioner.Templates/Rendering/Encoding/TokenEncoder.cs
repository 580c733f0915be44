namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// For file paths and formats without a safe quoting rule (nginx config, plain text): writes a value
/// unchanged only if it is a plain token of letters, digits and <c>. - _ /</c>, and refuses anything
/// else rather than guess an escape.
/// </summary>
internal sealed class TokenEncoder : ValueEncoder
{
    public static TokenEncoder Instance { get; } = new();

    public override string Format => "plain text";

    public override string Encode(string value)
    {
        if (value.Length == 0)
        {
            throw Refuse(value, "it is empty");
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or '/'))
            {
                throw Refuse(value, "only letters, digits and . - _ / are allowed here");
            }
        }

        return value;
    }
}
