using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace Provisioner.Templates.Tests;

/// <summary>
/// The shape of a parsed document without its values (keys, element and attribute names, nesting,
/// sequence lengths), and its values, so a test can show a value changed nothing but itself.
/// </summary>
internal static class Structure
{
    public static (string Shape, List<string> Values) Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var shape = new StringBuilder($"docs:{stream.Documents.Count};");
        var values = new List<string>();
        foreach (var document in stream.Documents)
        {
            Walk(document.RootNode);
        }

        return (shape.ToString(), values);

        void Walk(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode mapping:
                    shape.Append('{');
                    foreach (var (key, value) in mapping.Children)
                    {
                        shape.Append(((YamlScalarNode)key).Value).Append(':');
                        Walk(value);
                        shape.Append(',');
                    }

                    shape.Append('}');
                    break;
                case YamlSequenceNode sequence:
                    shape.Append('[');
                    foreach (var item in sequence.Children)
                    {
                        Walk(item);
                        shape.Append(',');
                    }

                    shape.Append(']');
                    break;
                case YamlScalarNode scalar:
                    // A tag or anchor on a scalar would be structure a value smuggled in.
                    shape.Append("s").Append(scalar.Tag.IsEmpty ? "" : "!" + scalar.Tag).Append(scalar.Anchor.IsEmpty ? "" : "&");
                    values.Add(scalar.Value ?? "");
                    break;
                default:
                    shape.Append('?');
                    break;
            }
        }
    }

    public static (string Shape, List<string> Values) Xml(string text)
    {
        var document = XDocument.Parse(text, LoadOptions.None);
        var shape = new StringBuilder();
        var values = new List<string>();
        Walk(document.Root!);
        return (shape.ToString(), values);

        void Walk(XElement element)
        {
            shape.Append('<').Append(element.Name);
            foreach (var attribute in element.Attributes())
            {
                shape.Append(' ').Append(attribute.Name);
                values.Add(attribute.Value);
            }

            shape.Append('>');
            foreach (var node in element.Nodes())
            {
                switch (node)
                {
                    case XElement child: Walk(child); break;
                    case XCData: shape.Append("cdata;"); break;
                    case XText textNode: shape.Append("t;"); values.Add(textNode.Value); break;
                    default: shape.Append(node.NodeType).Append(';'); break;
                }
            }

            shape.Append("</>");
        }
    }

    public static (string Shape, List<string> Values) Json(string text)
    {
        var root = JsonNode.Parse(text, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        var shape = new StringBuilder();
        var values = new List<string>();
        Walk(root);
        return (shape.ToString(), values);

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    shape.Append('{');
                    foreach (var (key, value) in obj)
                    {
                        shape.Append(key).Append(':');
                        Walk(value);
                        shape.Append(',');
                    }

                    shape.Append('}');
                    break;
                case JsonArray array:
                    shape.Append('[');
                    foreach (var item in array)
                    {
                        Walk(item);
                        shape.Append(',');
                    }

                    shape.Append(']');
                    break;
                case JsonValue value:
                    shape.Append(value.GetValueKind());
                    values.Add(value.ToString());
                    break;
                default:
                    shape.Append("null");
                    break;
            }
        }
    }
}
