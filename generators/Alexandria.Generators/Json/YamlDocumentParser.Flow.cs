using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Alexandria.Generators.Json
{
    /// <summary>Flow collections: <c>[a, b]</c> and <c>{a: 1, "b": 2}</c>, which may span lines (JSON is one of them).</summary>
    internal sealed partial class YamlDocumentParser
    {
        private JsonNode ParseFlowNode(string pointer)
        {
            SkipFlowSpace();
            var anchor = ReadProperties();
            SkipFlowSpace();
            Enter();
            JsonNode node;
            switch (Peek())
            {
                case '[':
                    node = ParseFlowSequence(pointer);
                    break;
                case '{':
                    node = ParseFlowMapping(pointer);
                    break;
                case '"':
                    node = ParseDoubleQuoted(pointer);
                    break;
                case '\'':
                    node = ParseSingleQuoted(pointer);
                    break;
                case '*':
                    node = ReadAlias(pointer);
                    break;
                case '\0':
                    throw new JsonParseException("Unexpected end of file inside a flow collection.", _pos);
                default:
                    var start = _pos;
                    var text = ReadFlowPlain();
                    node = Resolve(text, start, _pos - start, pointer);
                    break;
            }

            _depth--;
            return anchor is null ? node : Remember(anchor, node);
        }

        private JsonNode ParseFlowSequence(string pointer)
        {
            var start = _pos++;
            var items = new List<JsonNode>();
            SkipFlowSpace();
            while (Peek() != ']')
            {
                items.Add(ParseFlowNode(pointer + "/" + items.Count.ToString(CultureInfo.InvariantCulture)));
                SkipFlowSpace();
                if (Peek() == ',')
                {
                    _pos++;
                    SkipFlowSpace();
                }
                else if (Peek() == '\0')
                {
                    throw new JsonParseException("Unexpected end of file inside a flow collection: ']' was expected.", _pos);
                }
                else if (Peek() != ']')
                {
                    throw new JsonParseException("',' or ']' was expected in the flow sequence.", _pos);
                }
            }

            _pos++;
            return new JsonArray(start, _pos - start, items) { Pointer = pointer };
        }

        private JsonNode ParseFlowMapping(string pointer)
        {
            var start = _pos++;
            var properties = new List<JsonProperty>();
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            SkipFlowSpace();
            while (Peek() != '}')
            {
                var nameStart = _pos;
                string name;
                if (Peek() == '"' || Peek() == '\'')
                {
                    name = ((JsonString)(Peek() == '"' ? ParseDoubleQuoted("") : ParseSingleQuoted(""))).Value;
                }
                else
                {
                    name = ReadFlowPlain();
                }

                var nameLength = _pos - nameStart;
                var valuePointer = pointer + "/" + JsonDocumentParser.EscapePointerToken(name);
                SkipFlowSpace();
                JsonNode value;
                if (Peek() == ':')
                {
                    _pos++;
                    SkipFlowSpace();
                    value = Peek() == ',' || Peek() == '}'
                        ? new JsonLiteral(JsonNodeKind.Null, _pos, 0) { Pointer = valuePointer }
                        : ParseFlowNode(valuePointer);
                }
                else
                {
                    value = new JsonLiteral(JsonNodeKind.Null, _pos, 0) { Pointer = valuePointer };
                }

                var property = new JsonProperty(name, nameStart, nameLength, value);
                if (!seen.Add(name))
                {
                    _duplicates.Add(property);
                }

                properties.Add(property);
                SkipFlowSpace();
                if (Peek() == ',')
                {
                    _pos++;
                    SkipFlowSpace();
                }
                else if (Peek() == '\0')
                {
                    throw new JsonParseException("Unexpected end of file inside a flow collection: '}' was expected.", _pos);
                }
                else if (Peek() != '}')
                {
                    throw new JsonParseException("',' or '}' was expected in the flow mapping.", _pos);
                }
            }

            _pos++;
            return new JsonObject(start, _pos - start, properties) { Pointer = pointer };
        }

        /// <summary>A plain scalar inside a flow collection: it ends at <c>, [ ] { }</c>, at <c>: </c> or at a comment.</summary>
        private string ReadFlowPlain()
        {
            var text = new StringBuilder();
            var start = _pos;
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
                    || c == ':' && (IsSpaceOrEnd(PeekAt(_pos + 1)) || PeekAt(_pos + 1) == ',' || PeekAt(_pos + 1) == '}' || PeekAt(_pos + 1) == ']')
                    || c == '#' && _pos > start && IsWhite(_text[_pos - 1]))
                {
                    break;
                }

                text.Append(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
                _pos++;
            }

            var value = text.ToString().Trim();
            if (value.Length == 0)
            {
                throw new JsonParseException("A value was expected in the flow collection.", start);
            }

            // Leave the position right after the value's last character, so its span is exact.
            while (_pos > start && IsWhite(_text[_pos - 1]))
            {
                _pos--;
            }

            return System.Text.RegularExpressions.Regex.Replace(value, @"\s+", " ");
        }

        private void SkipFlowSpace()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (IsWhite(c))
                {
                    _pos++;
                }
                else if (c == '#' && (_pos == 0 || IsWhite(_text[_pos - 1])))
                {
                    SkipLine();
                }
                else
                {
                    return;
                }
            }
        }
    }
}
