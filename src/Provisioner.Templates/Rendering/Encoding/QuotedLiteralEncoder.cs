using System.Text;

namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// Writes each value as a complete, backslash-escaped string literal of a C-like language, quotes
/// included, so a value can never end the literal and add code.
/// </summary>
internal abstract class QuotedLiteralEncoder(char quote) : ValueEncoder
{
    public override string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8).Append(quote);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == quote || c == '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (c == '\r')
            {
                builder.Append("\\r");
            }
            else if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' || IsLoneSurrogate(value, i))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4"));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append(quote).ToString();
    }
}

/// <summary>Groovy (Jenkinsfile): single-quoted literals, which Groovy never interpolates (<c>$</c> stays literal).</summary>
internal sealed class GroovyEncoder() : QuotedLiteralEncoder('\'')
{
    public static GroovyEncoder Instance { get; } = new();

    public override string Format => "Groovy";
}

/// <summary>C#: regular double-quoted string literals.</summary>
internal sealed class CSharpEncoder() : QuotedLiteralEncoder('"')
{
    public static CSharpEncoder Instance { get; } = new();

    public override string Format => "C#";
}
