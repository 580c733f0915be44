using System.Globalization;

namespace Provisioner.Simulators.Jenkins.Api;

/// <summary>
/// Decides which properties of an exported object are written, as Stapler does: by depth
/// (<c>?depth=N</c>, comparing each property's visibility with how deep it sits) or by a named
/// tree (<c>?tree=jobs[name,url,jobs[name]]{0,10}</c>, which ignores visibility).
/// </summary>
internal abstract class TreePruner
{
    /// <summary>The pruner for the property's value, or null to leave the property out.</summary>
    public abstract TreePruner? Accept(ExportedProperty property);

    /// <summary>Which elements of a collection value to write.</summary>
    public virtual TreeRange Range => TreeRange.All;

    /// <summary>The pruner for <c>?depth=</c>; Jenkins starts at <c>1 - depth</c>.</summary>
    public static TreePruner ByDepth(int depth) => new DepthPruner(1 - depth);

    /// <summary>The pruner for <c>?tree=</c>; throws <see cref="FormatException"/> on a malformed tree.</summary>
    public static TreePruner ByTree(string tree)
    {
        var parser = new TreeParser(tree);
        var root = parser.ParseList(topLevel: true);
        return new NamedPathPruner(new TreeNode(root, TreeRange.All));
    }

    private sealed class DepthPruner(int level) : TreePruner
    {
        private DepthPruner? next;

        public override TreePruner? Accept(ExportedProperty property)
        {
            if (property.Visibility < level)
            {
                return null;
            }

            return property.Inline ? this : next ??= new DepthPruner(level + 1);
        }
    }

    private sealed class NamedPathPruner(TreeNode node) : TreePruner
    {
        public override TreeRange Range => node.Range;

        public override TreePruner? Accept(ExportedProperty property) =>
            node.Children.TryGetValue(property.Name, out var child) || node.Children.TryGetValue("*", out child)
                ? new NamedPathPruner(child)
                : null;
    }

    private sealed record TreeNode(IReadOnlyDictionary<string, TreeNode> Children, TreeRange Range);

    /// <summary>tree ::= node (',' node)* ; node ::= name ('[' tree ']')? ('{' range '}')?</summary>
    private sealed class TreeParser(string text)
    {
        private int position;

        public Dictionary<string, TreeNode> ParseList(bool topLevel)
        {
            var nodes = new Dictionary<string, TreeNode>(StringComparer.Ordinal);
            while (true)
            {
                var name = ReadName();
                Dictionary<string, TreeNode> children = [];
                if (Peek() == '[')
                {
                    position++;
                    children = ParseList(topLevel: false);
                    Expect(']');
                }

                var range = TreeRange.All;
                if (Peek() == '{')
                {
                    position++;
                    range = ReadRange();
                }

                nodes[name] = new TreeNode(children, range);
                if (Peek() != ',')
                {
                    break;
                }

                position++;
            }

            if (topLevel && position != text.Length)
            {
                throw new FormatException($"Unexpected '{text[position]}' at {position} in tree '{text}'.");
            }

            return nodes;
        }

        private char? Peek() => position < text.Length ? text[position] : null;

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new FormatException($"Expected '{c}' at {position} in tree '{text}'.");
            }

            position++;
        }

        private string ReadName()
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '[' or ']' or '{' or '}'))
            {
                position++;
            }

            var name = text[start..position].Trim();
            return name.Length > 0 ? name : throw new FormatException($"Expected a property name at {start} in tree '{text}'.");
        }

        private TreeRange ReadRange()
        {
            var close = text.IndexOf('}', position);
            if (close < 0)
            {
                throw new FormatException($"Unclosed range in tree '{text}'.");
            }

            var spec = text[position..close];
            position = close + 1;
            var comma = spec.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                var index = ParseBound(spec) ?? throw new FormatException($"Empty range in tree '{text}'.");
                return new TreeRange(index, index + 1);
            }

            return new TreeRange(ParseBound(spec[..comma]) ?? 0, ParseBound(spec[(comma + 1)..]) ?? int.MaxValue);
        }

        private int? ParseBound(string value) =>
            value.Trim().Length == 0 ? null
            : int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bound) ? bound
            : throw new FormatException($"Bad range bound '{value}' in tree '{text}'.");
    }
}

/// <summary>The elements <c>[Start, End)</c> of a collection to write (Stapler's <c>{M,N}</c>).</summary>
internal readonly record struct TreeRange(int Start, int End)
{
    public static TreeRange All { get; } = new(0, int.MaxValue);

    public IEnumerable<T> Apply<T>(IEnumerable<T> items) => items.Skip(Start).Take(End - Start);
}
