using System.Collections.Generic;
using System.Text;
using Alexandria.Generators.Json;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>
    /// The small mutable JSON tree a provider schema is built in before it is written as compact text.
    /// Lives only inside one transform step; models hold the written text.
    /// </summary>
    internal abstract class ExportJson
    {
        public abstract void WriteTo(StringBuilder builder);

        public string ToJson()
        {
            var builder = new StringBuilder();
            WriteTo(builder);
            return builder.ToString();
        }

        public static ExportJson Copy(JsonNode node) => new ExportRaw(JsonText.Write(node));

        /// <summary>The type names a <c>type</c> value holds, whether it was copied from the contract or built here.</summary>
        public static IReadOnlyList<string> TypeNames(ExportJson? type)
        {
            switch (type)
            {
                case ExportArray array:
                    var names = new List<string>();
                    foreach (var item in array.Items)
                    {
                        names.AddRange(TypeNames(item));
                    }

                    return names;
                case ExportRaw raw:
                    var parsed = JsonDocumentParser.Parse(raw.Json, out _);
                    if (parsed is JsonString single)
                    {
                        return new[] { single.Value };
                    }

                    var result = new List<string>();
                    if (parsed is JsonArray many)
                    {
                        foreach (var item in many.Items)
                        {
                            if (item is JsonString s) result.Add(s.Value);
                        }
                    }

                    return result;
                default:
                    return System.Array.Empty<string>();
            }
        }

        public static ExportJson String(string value)
        {
            var builder = new StringBuilder();
            JsonText.WriteString(value, builder);
            return new ExportRaw(builder.ToString());
        }
    }

    /// <summary>A value written as it is (a copied constant, a literal).</summary>
    internal sealed class ExportRaw : ExportJson
    {
        public static readonly ExportRaw False = new ExportRaw("false");
        public static readonly ExportRaw Null = new ExportRaw("null");

        public ExportRaw(string json) => Json = json;

        public string Json { get; }

        public override void WriteTo(StringBuilder builder) => builder.Append(Json);
    }

    internal sealed class ExportArray : ExportJson
    {
        public List<ExportJson> Items { get; } = new List<ExportJson>();

        public override void WriteTo(StringBuilder builder)
        {
            builder.Append('[');
            for (var i = 0; i < Items.Count; i++)
            {
                if (i > 0) builder.Append(',');
                Items[i].WriteTo(builder);
            }

            builder.Append(']');
        }
    }

    /// <summary>
    /// An object in member order. For a converted schema it also remembers which members the export
    /// made present-and-nullable (OpenAI strict) and where a union came from, for the reply mapping.
    /// </summary>
    internal sealed class ExportObject : ExportJson
    {
        private readonly List<KeyValuePair<string, ExportJson>> _members = new List<KeyValuePair<string, ExportJson>>();

        public IReadOnlyList<KeyValuePair<string, ExportJson>> Members => _members;

        /// <summary>Members that are optional in the contract and were made required-and-nullable by the export.</summary>
        public HashSet<string> ForcedNullable { get; } = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>The union keyword of the contract this node was converted from, for a located fallback reason.</summary>
        public StrictFallbackSite? UnionOrigin { get; set; }

        public ExportJson? this[string name]
        {
            get
            {
                foreach (var member in _members)
                {
                    if (member.Key == name) return member.Value;
                }

                return null;
            }
        }

        public void Set(string name, ExportJson value)
        {
            for (var i = 0; i < _members.Count; i++)
            {
                if (_members[i].Key == name)
                {
                    _members[i] = new KeyValuePair<string, ExportJson>(name, value);
                    return;
                }
            }

            _members.Add(new KeyValuePair<string, ExportJson>(name, value));
        }

        public void Remove(string name) => _members.RemoveAll(m => m.Key == name);

        public ExportObject Clone()
        {
            var clone = new ExportObject { UnionOrigin = UnionOrigin };
            clone._members.AddRange(_members);
            clone.ForcedNullable.UnionWith(ForcedNullable);
            return clone;
        }

        public string? StringOf(string name) => this[name] is ExportRaw raw && raw.Json.Length > 1 && raw.Json[0] == '"' ? Unquote(raw.Json) : null;

        public override void WriteTo(StringBuilder builder)
        {
            builder.Append('{');
            for (var i = 0; i < _members.Count; i++)
            {
                if (i > 0) builder.Append(',');
                JsonText.WriteString(_members[i].Key, builder);
                builder.Append(':');
                _members[i].Value.WriteTo(builder);
            }

            builder.Append('}');
        }

        // Only used on strings this tree wrote itself (type names, $ref targets, const values), which carry
        // no escapes other than those JsonText writes.
        private static string Unquote(string json)
        {
            var root = JsonDocumentParser.Parse(json, out _);
            return root is JsonString s ? s.Value : "";
        }
    }
}
