using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Drift
{
    /// <summary>The kinds of value a normalized contract holds.</summary>
    internal enum CanonicalKind { Object, Array, String, Number, True, False, Null }

    /// <summary>
    /// A contract value in normalized form: object members sorted by name, numbers in one spelling,
    /// sets (type, required, enum) sorted. Each node remembers where it came from (an offset into the
    /// contract or lock file) so a change can be reported at its place. Roslyn-free: the CLI links it.
    /// </summary>
    internal sealed class CanonicalNode
    {
        private static readonly IReadOnlyList<CanonicalMember> NoMembers = System.Array.Empty<CanonicalMember>();
        private static readonly IReadOnlyList<CanonicalNode> NoItems = System.Array.Empty<CanonicalNode>();
        private string? _json;

        private CanonicalNode(CanonicalKind kind, string text, IReadOnlyList<CanonicalMember> members, IReadOnlyList<CanonicalNode> items, int start, int length)
        {
            Kind = kind;
            Text = text;
            Members = members;
            Items = items;
            Start = start;
            Length = length;
        }

        public CanonicalKind Kind { get; }

        /// <summary>The string value, or the canonical spelling of a number.</summary>
        public string Text { get; }

        /// <summary>Object members, sorted by name (ordinal).</summary>
        public IReadOnlyList<CanonicalMember> Members { get; }

        public IReadOnlyList<CanonicalNode> Items { get; }

        /// <summary>Offset of the value this node came from in its source file; -1 when synthetic.</summary>
        public int Start { get; }

        public int Length { get; }

        public bool IsObject => Kind == CanonicalKind.Object;

        public CanonicalNode? this[string name] => GetMember(name)?.Value;

        public CanonicalMember? GetMember(string name)
        {
            foreach (var member in Members)
            {
                if (member.Name == name)
                {
                    return member;
                }
            }

            return null;
        }

        public string? GetString(string name) => this[name] is { Kind: CanonicalKind.String } s ? s.Text : null;

        /// <summary>Compact canonical JSON; two nodes are the same contract value when these are equal.</summary>
        public string ToJson() => _json ??= CanonicalJsonWriter.WriteCompact(this);

        public bool SameAs(CanonicalNode? other) => other is not null && ToJson() == other.ToJson();

        public static CanonicalNode String(string value, int start = -1, int length = 0)
            => new CanonicalNode(CanonicalKind.String, value, NoMembers, NoItems, start, length);

        public static CanonicalNode Number(string text, int start = -1, int length = 0)
            => new CanonicalNode(CanonicalKind.Number, CanonicalNumber(text), NoMembers, NoItems, start, length);

        public static CanonicalNode Literal(CanonicalKind kind, int start = -1, int length = 0)
            => new CanonicalNode(kind, "", NoMembers, NoItems, start, length);

        public static CanonicalNode Bool(bool value, int start = -1, int length = 0)
            => Literal(value ? CanonicalKind.True : CanonicalKind.False, start, length);

        public static CanonicalNode Array(IEnumerable<CanonicalNode> items, int start = -1, int length = 0)
            => new CanonicalNode(CanonicalKind.Array, "", NoMembers, items.ToList(), start, length);

        /// <summary>An object; members are sorted here and a later duplicate name replaces an earlier one.</summary>
        public static CanonicalNode Object(IEnumerable<CanonicalMember> members, int start = -1, int length = 0)
        {
            var byName = new Dictionary<string, CanonicalMember>(StringComparer.Ordinal);
            foreach (var member in members)
            {
                byName[member.Name] = member;
            }

            var sorted = byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
            return new CanonicalNode(CanonicalKind.Object, "", sorted, NoItems, start, length);
        }

        /// <summary>Copies a parsed JSON value as is (members sorted, numbers canonical), keeping its offsets.</summary>
        public static CanonicalNode From(JsonNode node)
        {
            switch (node)
            {
                case JsonObject obj:
                    return Object(obj.Properties.Select(p => CanonicalMember.From(p, From(p.Value))), obj.Start, obj.Length);
                case JsonArray array:
                    return Array(array.Items.Select(From), array.Start, array.Length);
                case JsonString s:
                    return String(s.Value, s.Start, s.Length);
                case JsonNumber n:
                    return Number(n.Text, n.Start, n.Length);
                default:
                    return Literal(node.Kind switch
                    {
                        JsonNodeKind.True => CanonicalKind.True,
                        JsonNodeKind.False => CanonicalKind.False,
                        _ => CanonicalKind.Null,
                    }, node.Start, node.Length);
            }
        }

        /// <summary>
        /// One spelling per number so <c>1</c>, <c>1.0</c> and <c>1e0</c> compare equal: a decimal without
        /// trailing zeros where it fits, the text as written otherwise.
        /// </summary>
        public static string CanonicalNumber(string text)
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return text;
            }

            var result = value.ToString(CultureInfo.InvariantCulture);
            if (result.IndexOf('.') >= 0)
            {
                result = result.TrimEnd('0').TrimEnd('.');
            }

            return result == "-0" ? "0" : result;
        }

        /// <summary>The numeric value of a number node, for comparing bounds.</summary>
        public bool TryGetNumber(out decimal value)
        {
            value = 0;
            return Kind == CanonicalKind.Number && decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        public override string ToString() => ToJson();
    }

    /// <summary>An object member with the place of its name in the source file.</summary>
    internal sealed class CanonicalMember
    {
        public CanonicalMember(string name, CanonicalNode value, int nameStart = -1, int nameLength = 0)
        {
            Name = name;
            Value = value;
            NameStart = nameStart;
            NameLength = nameLength;
        }

        public string Name { get; }

        public CanonicalNode Value { get; }

        public int NameStart { get; }

        public int NameLength { get; }

        public static CanonicalMember From(JsonProperty property, CanonicalNode value)
            => new CanonicalMember(property.Name, value, property.NameStart, property.NameLength);
    }

    /// <summary>Writes canonical JSON: sorted members, two-space indentation, '\n' line ends.</summary>
    internal static class CanonicalJsonWriter
    {
        public static string WriteCompact(CanonicalNode node)
        {
            var builder = new StringBuilder();
            Write(builder, node, indent: null);
            return builder.ToString();
        }

        public static string WriteIndented(CanonicalNode node)
        {
            var builder = new StringBuilder();
            Write(builder, node, indent: 0);
            return builder.Append('\n').ToString();
        }

        private static void Write(StringBuilder builder, CanonicalNode node, int? indent)
        {
            switch (node.Kind)
            {
                case CanonicalKind.Object:
                    if (node.Members.Count == 0)
                    {
                        builder.Append("{}");
                        return;
                    }

                    builder.Append('{');
                    for (var i = 0; i < node.Members.Count; i++)
                    {
                        if (i > 0) builder.Append(',');
                        NewLine(builder, indent + 1);
                        WriteString(builder, node.Members[i].Name);
                        builder.Append(indent is null ? ":" : ": ");
                        Write(builder, node.Members[i].Value, indent + 1);
                    }

                    NewLine(builder, indent);
                    builder.Append('}');
                    return;
                case CanonicalKind.Array:
                    if (node.Items.Count == 0)
                    {
                        builder.Append("[]");
                        return;
                    }

                    builder.Append('[');
                    for (var i = 0; i < node.Items.Count; i++)
                    {
                        if (i > 0) builder.Append(',');
                        NewLine(builder, indent + 1);
                        Write(builder, node.Items[i], indent + 1);
                    }

                    NewLine(builder, indent);
                    builder.Append(']');
                    return;
                case CanonicalKind.String:
                    WriteString(builder, node.Text);
                    return;
                case CanonicalKind.Number:
                    builder.Append(node.Text);
                    return;
                case CanonicalKind.True:
                    builder.Append("true");
                    return;
                case CanonicalKind.False:
                    builder.Append("false");
                    return;
                default:
                    builder.Append("null");
                    return;
            }
        }

        private static void NewLine(StringBuilder builder, int? indent)
        {
            if (indent is int depth)
            {
                builder.Append('\n').Append(' ', depth * 2);
            }
        }

        public static void WriteString(StringBuilder builder, string value)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\b': builder.Append("\\b"); break;
                    case '\f': builder.Append("\\f"); break;
                    default:
                        if (c < 0x20)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            builder.Append('"');
        }
    }
}
