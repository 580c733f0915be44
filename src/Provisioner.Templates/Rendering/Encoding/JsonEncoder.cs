using System.Text.Json;

namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// Writes each value as a complete JSON string literal, quotes included (<c>"name": {{ value }}</c>),
/// so a value can never end the string and add members.
/// </summary>
internal sealed class JsonEncoder : ValueEncoder
{
    public static JsonEncoder Instance { get; } = new();

    public override string Format => "JSON";

    public override string Encode(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (IsLoneSurrogate(value, i))
            {
                throw Refuse(value, "it contains an unpaired UTF-16 surrogate");
            }
        }

        // The default encoder escapes quotes, backslashes, controls and HTML-sensitive characters.
        return JsonSerializer.Serialize(value);
    }
}
