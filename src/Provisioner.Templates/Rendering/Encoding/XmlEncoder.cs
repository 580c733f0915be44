using System.Text;

namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// Escapes values for XML element text and quoted attribute values (<c>&amp; &lt; &gt; " '</c> and
/// line breaks as character references); refuses characters XML 1.0 cannot carry at all.
/// </summary>
internal sealed class XmlEncoder : ValueEncoder
{
    public static XmlEncoder Instance { get; } = new();

    public override string Format => "XML";

    public override string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&apos;"); break;
                case '\t': builder.Append("&#x9;"); break;
                case '\n': builder.Append("&#xA;"); break;
                case '\r': builder.Append("&#xD;"); break;
                default:
                    if (c < 0x20 || c is '\uFFFE' or '\uFFFF' || IsLoneSurrogate(value, i))
                    {
                        throw Refuse(value, $"XML 1.0 cannot contain the character U+{(int)c:X4}");
                    }

                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
