using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Alexandria.Generators.Json
{
    /// <summary>
    /// A strict RFC 8259 parser producing <see cref="JsonNode"/>s with offsets and their places (JSON pointers, made on demand).
    /// Duplicate member names are collected rather than thrown, so the caller can report each one.
    /// </summary>
    internal sealed class JsonDocumentParser
    {
        private const int MaxDepth = 256;
        private readonly string _text;
        private readonly List<JsonProperty> _duplicates = new List<JsonProperty>();
        private int _pos;
        private int _depth;
        private StringBuilder? _builder;

        private JsonDocumentParser(string text) => _text = text;

        /// <summary>Member names that appeared twice in one object (the later occurrence).</summary>
        public IReadOnlyList<JsonProperty> Duplicates => _duplicates;

        public static JsonNode Parse(string text, out IReadOnlyList<JsonProperty> duplicates)
        {
            var parser = new JsonDocumentParser(text);
            var root = parser.ParseDocument();
            duplicates = parser._duplicates;
            return root;
        }

        private JsonNode ParseDocument()
        {
            // A UTF-8 BOM decoded to text is tolerated, as editors write it.
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            SkipWhitespace();
            var root = ParseValue();
            SkipWhitespace();
            if (_pos < _text.Length)
            {
                throw new JsonParseException("Unexpected text after the end of the JSON document.", _pos);
            }

            return root;
        }

        private JsonNode ParseValue()
        {
            if (_pos >= _text.Length)
            {
                throw new JsonParseException("Unexpected end of file: a JSON value was expected.", _pos);
            }

            JsonNode node;
            var c = _text[_pos];
            switch (c)
            {
                case '{': node = ParseObject(); break;
                case '[': node = ParseArray(); break;
                case '"':
                    var start = _pos;
                    var value = ParseString();
                    node = new JsonString(start, _pos - start, value);
                    break;
                case 't': node = ParseLiteral("true", JsonNodeKind.True); break;
                case 'f': node = ParseLiteral("false", JsonNodeKind.False); break;
                case 'n': node = ParseLiteral("null", JsonNodeKind.Null); break;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        node = ParseNumber();
                        break;
                    }

                    throw new JsonParseException($"Unexpected character '{Printable(c)}': a JSON value was expected.", _pos);
            }

            return node;
        }

        private JsonObject ParseObject()
        {
            EnterNesting();
            var start = _pos++;
            var properties = new List<JsonProperty>();
            HashSet<string>? seen = null;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                _depth--;
                return new JsonObject(start, _pos - start, properties);
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw new JsonParseException("A property name in double quotes was expected.", _pos);
                }

                var nameStart = _pos;
                var name = ParseString();
                var nameLength = _pos - nameStart;
                SkipWhitespace();
                Expect(':', "':' was expected after the property name.");
                SkipWhitespace();
                var value = ParseValue();
                var property = new JsonProperty(name, nameStart, nameLength, value);
                if (IsDuplicate(properties, ref seen, name))
                {
                    _duplicates.Add(property);
                }

                properties.Add(property);
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                Expect('}', "',' or '}' was expected after the property value.");
                break;
            }

            _depth--;
            var obj = new JsonObject(start, _pos - start, properties);
            foreach (var member in properties)
            {
                member.Value.PlaceUnder(obj, member.Name, 0);
            }

            return obj;
        }

        private JsonArray ParseArray()
        {
            EnterNesting();
            var start = _pos++;
            var items = new List<JsonNode>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                _depth--;
                return new JsonArray(start, _pos - start, items);
            }

            while (true)
            {
                SkipWhitespace();
                items.Add(ParseValue());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                Expect(']', "',' or ']' was expected after the array item.");
                break;
            }

            _depth--;
            var array = new JsonArray(start, _pos - start, items);
            for (var i = 0; i < items.Count; i++)
            {
                items[i].PlaceUnder(array, null, i);
            }

            return array;
        }

        private string ParseString()
        {
            _pos++; // opening quote

            // Most strings hold no escape: they are cut from the text in one piece, with no builder.
            var plainEnd = _pos;
            while (plainEnd < _text.Length && _text[plainEnd] is var p && p != '"' && p != '\\' && p >= 0x20)
            {
                plainEnd++;
            }

            if (plainEnd < _text.Length && _text[plainEnd] == '"')
            {
                var plain = _text.Substring(_pos, plainEnd - _pos);
                _pos = plainEnd + 1;
                return plain;
            }

            // The rest goes through one builder per parser, reused from string to string.
            var builder = _builder ??= new StringBuilder();
            builder.Clear();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw new JsonParseException("Unterminated string.", _pos);
                }

                var c = _text[_pos++];
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c < 0x20)
                {
                    throw new JsonParseException("Control characters must be escaped inside strings.", _pos - 1);
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (_pos >= _text.Length)
                {
                    throw new JsonParseException("Unterminated escape sequence.", _pos);
                }

                var e = _text[_pos++];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length
                            || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw new JsonParseException("\\u must be followed by four hex digits.", _pos);
                        }

                        builder.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw new JsonParseException($"Invalid escape sequence '\\{Printable(e)}'.", _pos - 2);
                }
            }
        }

        private JsonNumber ParseNumber()
        {
            var start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }

            if (Peek() == '0')
            {
                _pos++;
            }
            else if (IsDigit(Peek()))
            {
                while (IsDigit(Peek())) _pos++;
            }
            else
            {
                throw new JsonParseException("A digit was expected in the number.", _pos);
            }

            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek())) throw new JsonParseException("A digit was expected after the decimal point.", _pos);
                while (IsDigit(Peek())) _pos++;
            }

            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-') _pos++;
                if (!IsDigit(Peek())) throw new JsonParseException("A digit was expected in the exponent.", _pos);
                while (IsDigit(Peek())) _pos++;
            }

            return new JsonNumber(start, _pos - start, _text.Substring(start, _pos - start));
        }

        private JsonLiteral ParseLiteral(string literal, JsonNodeKind kind)
        {
            if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            {
                throw new JsonParseException($"Unexpected token: '{literal}' was expected.", _pos);
            }

            var start = _pos;
            _pos += literal.Length;
            return new JsonLiteral(kind, start, literal.Length);
        }

        private void EnterNesting()
        {
            if (++_depth > MaxDepth)
            {
                throw new JsonParseException($"The document nests deeper than {MaxDepth} levels.", _pos);
            }
        }

        private void Expect(char c, string message)
        {
            if (Peek() != c)
            {
                throw new JsonParseException(message, _pos);
            }

            _pos++;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private static string Printable(char c) => c < 0x20 ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();

        /// <summary>RFC 6901: '~' becomes '~0' and '/' becomes '~1'.</summary>
        /// <summary>
        /// Whether an earlier member of the object has <paramref name="name"/>: a scan while the object is small (most
        /// are), a set made once it grows, so no object pays for a set it does not need.
        /// </summary>
        private static bool IsDuplicate(List<JsonProperty> earlier, ref HashSet<string>? seen, string name)
        {
            const int ScanLimit = 8;
            if (seen is null && earlier.Count < ScanLimit)
            {
                foreach (var property in earlier)
                {
                    if (string.Equals(property.Name, name, System.StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (seen is null)
            {
                seen = new HashSet<string>(System.StringComparer.Ordinal);
                foreach (var property in earlier)
                {
                    seen.Add(property.Name);
                }
            }

            return !seen.Add(name);
        }

        public static string EscapePointerToken(string token) => token.Replace("~", "~0").Replace("/", "~1");
    }
}
