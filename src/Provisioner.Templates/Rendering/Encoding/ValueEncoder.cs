using System.Text.Encodings.Web;

namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// Base of the encoders Fluid applies to every <c>{{ output }}</c> value. Fluid only calls
/// <see cref="Encode(string)"/>; the character-level members are routed through it so no caller can
/// bypass a whole-value decision (quoting, refusing).
/// </summary>
internal abstract class ValueEncoder : TextEncoder
{
    /// <summary>Name of the target format, used in error messages.</summary>
    public abstract string Format { get; }

    public override int MaxOutputCharactersPerInputCharacter => 12;

    public abstract override string Encode(string value);

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        output.Write(Encode(value.Substring(startIndex, characterCount)));

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount) =>
        output.Write(Encode(new string(value, startIndex, characterCount)));

    // Every character "needs encoding", so the span-based TextEncoder paths always fall back to ours.
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) => textLength == 0 ? -1 : 0;

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        throw new NotSupportedException($"The {Format} encoder encodes whole values only.");

    public override bool WillEncode(int unicodeScalar) => true;

    protected UnsafeValueException Refuse(string value, string reason) => new(value, Format, reason);

    protected static bool IsLoneSurrogate(string value, int index)
    {
        var c = value[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
        }

        return char.IsLowSurrogate(c) && (index == 0 || !char.IsHighSurrogate(value[index - 1]));
    }
}
