using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// HTML-encodes values for element text and quoted attribute values (the framework's HTML encoder:
/// <c>&lt; &gt; &amp; " '</c> and more), keeping letters of every script readable.
/// </summary>
internal sealed class HtmlValueEncoder : ValueEncoder
{
    public static HtmlValueEncoder Instance { get; } = new();

    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public override string Format => "HTML";

    public override string Encode(string value) => Html.Encode(value);
}
