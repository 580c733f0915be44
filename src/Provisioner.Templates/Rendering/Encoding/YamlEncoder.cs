using System.Text;

namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// Writes each value as one YAML scalar: plain when it can only mean that string (a letter, then
/// letters, digits, <c>. - _ /</c>, and not a YAML 1.1 boolean or null), otherwise double-quoted with
/// every quote, backslash, line break and control character escaped. Either way the value stays one
/// scalar: it cannot open a key, a list, a comment, a document or a flow collection. Templates write
/// <c>key: {{ value }}</c> (no quotes around the expression) and build composite values inside
/// Liquid (<c>{{ site.app_name | append: "-tls" }}</c>); numbers use the <c>integer</c> filter.
/// </summary>
internal sealed class YamlEncoder : ValueEncoder
{
    public static YamlEncoder Instance { get; } = new();

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null",
    };

    public override string Format => "YAML";

    public override string Encode(string value)
    {
        if (IsSafePlain(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (IsLoneSurrogate(value, i))
                    {
                        throw Refuse(value, "it contains an unpaired UTF-16 surrogate");
                    }

                    // C0/C1 controls, DEL, and the Unicode line/paragraph separators and BOM, which YAML treats specially.
                    if (c < 0x20 || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' or '\uFEFF')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4"));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    internal static bool IsSafePlain(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]) || Reserved.Contains(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_' or '/'))
            {
                return false;
            }
        }

        return true;
    }
}
