using System.Text;

namespace Provisioner.Templates.Rendering.Encoding;

/// <summary>
/// Writes each value as a double-quoted Dockerfile word (<c>LABEL title={{ site.domain }}</c>) with
/// <c>\ " $</c> escaped, so it cannot end the word, expand a variable or continue the instruction.
/// A Dockerfile cannot hold a line break or control character inside a word, so those are refused.
/// </summary>
internal sealed class DockerfileEncoder : ValueEncoder
{
    public static DockerfileEncoder Instance { get; } = new();

    public override string Format => "Dockerfile";

    public override string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '"' or '\\' or '$')
            {
                builder.Append('\\').Append(c);
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' || IsLoneSurrogate(value, i))
            {
                throw Refuse(value, $"a Dockerfile word cannot contain the character U+{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
