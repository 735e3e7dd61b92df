using System.Collections.Generic;
using System.Globalization;

namespace Alexandria.Generators.Json
{
    /// <summary>The kinds of value a contract file can hold.</summary>
    internal enum JsonNodeKind { Object, Array, String, Number, True, False, Null }

    /// <summary>
    /// A JSON value with the place it came from. The generator parses contracts into this small DOM
    /// (rather than System.Text.Json) so it ships with no extra DLL and every diagnostic can point at
    /// the exact line and column of the offending token. Never stored in a pipeline model.
    /// </summary>
    internal abstract class JsonNode
    {
        protected JsonNode(JsonNodeKind kind, int start, int length)
        {
            Kind = kind;
            Start = start;
            Length = length;
        }

        public JsonNodeKind Kind { get; }

        /// <summary>Offset of the value's first character in the file text.</summary>
        public int Start { get; }

        public int Length { get; }

        /// <summary>
        /// The RFC 6901 pointer of this value inside its document. Made when first asked, from the parent's: most values
        /// of a contract (a keyword's <c>"string"</c>, <c>1</c>) are never pointed at, and making every pointer as the
        /// text was parsed was a third of the parse's allocations.
        /// </summary>
        public string Pointer
        {
            get => _pointer ??= _parent is null ? "" : _parent.Pointer + "/" + (_name is null ? _index.ToString(CultureInfo.InvariantCulture) : JsonDocumentParser.EscapePointerToken(_name));
            internal set => _pointer = value;
        }

        private string? _pointer;
        private JsonNode? _parent;
        private string? _name;
        private int _index;

        /// <summary>Places this value under <paramref name="parent"/>: member <paramref name="name"/>, or item <paramref name="index"/> when the name is null.</summary>
        internal void PlaceUnder(JsonNode parent, string? name, int index)
        {
            _parent = parent;
            _name = name;
            _index = index;
        }
    }

    internal sealed class JsonObject : JsonNode
    {
        public JsonObject(int start, int length, IReadOnlyList<JsonProperty> properties)
            : base(JsonNodeKind.Object, start, length) => Properties = properties;

        /// <summary>Members in document order; duplicates are reported by the parser and the last one kept here.</summary>
        public IReadOnlyList<JsonProperty> Properties { get; }

        public JsonNode? this[string name] => TryGet(name, out var value) ? value : null;

        public bool TryGet(string name, out JsonNode value)
        {
            for (var i = Properties.Count - 1; i >= 0; i--)
            {
                if (Properties[i].Name == name)
                {
                    value = Properties[i].Value;
                    return true;
                }
            }

            value = null!;
            return false;
        }

        public JsonProperty? GetProperty(string name)
        {
            for (var i = Properties.Count - 1; i >= 0; i--)
            {
                if (Properties[i].Name == name)
                {
                    return Properties[i];
                }
            }

            return null;
        }

        public string? GetString(string name) => this[name] is JsonString s ? s.Value : null;
    }

    internal sealed class JsonProperty
    {
        public JsonProperty(string name, int nameStart, int nameLength, JsonNode value)
        {
            Name = name;
            NameStart = nameStart;
            NameLength = nameLength;
            Value = value;
        }

        public string Name { get; }

        public int NameStart { get; }

        public int NameLength { get; }

        public JsonNode Value { get; }
    }

    internal sealed class JsonArray : JsonNode
    {
        public JsonArray(int start, int length, IReadOnlyList<JsonNode> items)
            : base(JsonNodeKind.Array, start, length) => Items = items;

        public IReadOnlyList<JsonNode> Items { get; }
    }

    internal sealed class JsonString : JsonNode
    {
        public JsonString(int start, int length, string value)
            : base(JsonNodeKind.String, start, length) => Value = value;

        public string Value { get; }
    }

    internal sealed class JsonNumber : JsonNode
    {
        public JsonNumber(int start, int length, string text)
            : base(JsonNodeKind.Number, start, length) => Text = text;

        /// <summary>The number exactly as written, so 1.0 and 1e2 keep their meaning for emitted literals.</summary>
        public string Text { get; }

        public bool IsInteger => Text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
    }

    internal sealed class JsonLiteral : JsonNode
    {
        public JsonLiteral(JsonNodeKind kind, int start, int length)
            : base(kind, start, length)
        {
        }
    }
}
