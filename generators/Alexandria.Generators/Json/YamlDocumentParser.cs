using System;
using System.Collections.Generic;

namespace Alexandria.Generators.Json
{
    /// <summary>
    /// Reads the YAML that API descriptions are written in (YAML 1.2: block and flow collections, plain,
    /// quoted and block scalars, comments, anchors, aliases and <c>&lt;&lt;</c> merges) into the same located
    /// <see cref="JsonNode"/> tree as <see cref="JsonDocumentParser"/>, with offsets into the YAML text, so
    /// every diagnostic lands on the YAML line and column. Written here rather than taken from YamlDotNet so
    /// the generator loads no second assembly into the compiler (no version clash with another analyzer's
    /// copy, nothing extra to pack) and so each node keeps its exact source span.
    /// Not supported, each with a located error: complex keys (<c>? </c>), several documents in one file.
    /// </summary>
    internal sealed partial class YamlDocumentParser
    {
        private const int MaxDepth = 256;
        private readonly string _text;
        private readonly List<JsonProperty> _duplicates = new List<JsonProperty>();
        private readonly Dictionary<string, JsonNode> _anchors = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        private int _pos;
        private int _depth;

        private YamlDocumentParser(string text) => _text = text;

        /// <summary>Whether a file is read as YAML: by its extension, as editors and tools decide.</summary>
        public static bool IsYamlPath(string path)
            => path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

        public static JsonNode Parse(string text, out IReadOnlyList<JsonProperty> duplicates)
        {
            var parser = new YamlDocumentParser(text);
            var root = parser.ParseDocument();
            duplicates = parser._duplicates;
            return root;
        }

        private JsonNode ParseDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            SkipToContent();
            while (Peek() == '%' && Column(_pos) == 0)
            {
                SkipLine();
                SkipToContent();
            }

            if (IsMarker("---"))
            {
                _pos += 3;
                SkipSpaces();
                if (AtLineEnd())
                {
                    SkipToContent();
                }
            }

            if (_pos >= _text.Length || IsMarker("..."))
            {
                throw new JsonParseException("The YAML document is empty.", Math.Min(_pos, _text.Length));
            }

            var root = ParseBlockNode(Column(_pos), -1, "");
            SkipToContent();
            if (IsMarker("..."))
            {
                _pos += 3;
                SkipToContent();
            }

            if (IsMarker("---"))
            {
                throw new JsonParseException("The file holds more than one YAML document; a contract is one document.", _pos);
            }

            if (_pos < _text.Length)
            {
                throw new JsonParseException("Unexpected text after the end of the YAML document (check its indentation).", _pos);
            }

            return root;
        }

        /// <summary>A node that starts at column <paramref name="indent"/>; its lines must stay right of <paramref name="parentIndent"/>.</summary>
        private JsonNode ParseBlockNode(int indent, int parentIndent, string pointer)
        {
            CheckIndentation();
            var anchor = ReadProperties();
            if (anchor is not null && AtLineEnd())
            {
                var anchorAt = _pos;
                SkipToContent();
                if (_pos >= _text.Length || Column(_pos) <= parentIndent)
                {
                    return Remember(anchor, new JsonLiteral(JsonNodeKind.Null, anchorAt, 0) { Pointer = pointer });
                }

                indent = Column(_pos);
            }

            Enter();
            JsonNode node;
            if (IsSequenceEntry())
            {
                node = ParseBlockSequence(indent, pointer);
            }
            else if (IsMappingKeyAhead())
            {
                node = ParseBlockMapping(indent, pointer);
            }
            else
            {
                node = ParseInlineValue(parentIndent, pointer);
                ExpectLineEnd();
            }

            _depth--;
            return anchor is null ? node : Remember(anchor, node);
        }

        private JsonNode ParseBlockSequence(int indent, string pointer)
        {
            var start = _pos;
            var end = _pos;
            var items = new List<JsonNode>();
            while (true)
            {
                _pos++;
                var itemPointer = pointer + "/" + items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                SkipSpaces();
                JsonNode item;
                if (AtLineEnd())
                {
                    var dashEnd = _pos;
                    SkipToContent();
                    item = _pos < _text.Length && Column(_pos) > indent && !IsMarker("---") && !IsMarker("...")
                        ? ParseBlockNode(Column(_pos), indent, itemPointer)
                        : new JsonLiteral(JsonNodeKind.Null, dashEnd, 0) { Pointer = itemPointer };
                }
                else
                {
                    item = ParseBlockNode(Column(_pos), indent, itemPointer);
                }

                items.Add(item);
                end = Math.Max(end, item.Start + item.Length);
                SkipToContent();
                if (_pos >= _text.Length || IsMarker("---") || IsMarker("..."))
                {
                    break;
                }

                var column = Column(_pos);
                if (column == indent && IsSequenceEntry())
                {
                    continue;
                }

                if (column > indent)
                {
                    throw new JsonParseException("Unexpected indentation: this line is deeper than the sequence it follows.", _pos);
                }

                break;
            }

            return new JsonArray(start, end - start, items) { Pointer = pointer };
        }

        private JsonNode ParseBlockMapping(int indent, string pointer)
        {
            var start = _pos;
            var end = _pos;
            var properties = new List<JsonProperty>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            JsonProperty? merge = null;
            while (true)
            {
                CheckIndentation();
                var (name, nameStart, nameLength) = ReadKey();
                var value = ParseMappingValue(indent, pointer + "/" + JsonDocumentParser.EscapePointerToken(name));
                var property = new JsonProperty(name, nameStart, nameLength, value);
                if (name == "<<" && nameLength == 2)
                {
                    merge = property;
                }
                else
                {
                    if (!seen.Add(name))
                    {
                        _duplicates.Add(property);
                    }

                    properties.Add(property);
                }

                end = Math.Max(nameStart + nameLength, value.Start + value.Length);
                SkipToContent();
                if (_pos >= _text.Length || IsMarker("---") || IsMarker("..."))
                {
                    break;
                }

                var column = Column(_pos);
                if (column < indent)
                {
                    break;
                }

                if (column > indent)
                {
                    throw new JsonParseException("Unexpected indentation: this line is deeper than the mapping it follows.", _pos);
                }

                if (!IsMappingKeyAhead())
                {
                    if (IsSequenceEntry() && properties.Count > 0)
                    {
                        // A compact sequence ("key:" then "- item" at the key's column) already ended; this is a sibling.
                        throw new JsonParseException("A sequence item where a mapping key was expected (check its indentation).", _pos);
                    }

                    throw new JsonParseException("A mapping key ('name:') was expected at this indentation.", _pos);
                }
            }

            if (merge is not null)
            {
                Merge(properties, seen, merge);
            }

            return new JsonObject(start, end - start, properties) { Pointer = pointer };
        }

        /// <summary>The value after <c>key:</c>: inline on the same line, or a block on the lines below.</summary>
        private JsonNode ParseMappingValue(int mappingIndent, string pointer)
        {
            SkipSpaces();
            var anchor = ReadProperties();
            if (AtLineEnd())
            {
                var valueAt = _pos;
                SkipToContent();
                JsonNode block;
                if (_pos < _text.Length && !IsMarker("---") && !IsMarker("...") && Column(_pos) > mappingIndent)
                {
                    block = ParseBlockNode(Column(_pos), mappingIndent, pointer);
                }
                else if (_pos < _text.Length && Column(_pos) == mappingIndent && IsSequenceEntry())
                {
                    Enter();
                    block = ParseBlockSequence(mappingIndent, pointer);
                    _depth--;
                }
                else
                {
                    block = new JsonLiteral(JsonNodeKind.Null, valueAt, 0) { Pointer = pointer };
                }

                return anchor is null ? block : Remember(anchor, block);
            }

            var value = ParseInlineValue(mappingIndent, pointer);
            ExpectLineEnd();
            return anchor is null ? value : Remember(anchor, value);
        }

        /// <summary>A value that starts on the current line: an alias, a block scalar, a flow collection or a scalar.</summary>
        private JsonNode ParseInlineValue(int parentIndent, string pointer)
        {
            switch (Peek())
            {
                case '*':
                    return ReadAlias(pointer);
                case '|':
                case '>':
                    return ParseBlockScalar(parentIndent, pointer);
                case '[':
                case '{':
                    return ParseFlowNode(pointer);
                case '"':
                    return ParseDoubleQuoted(pointer);
                case '\'':
                    return ParseSingleQuoted(pointer);
                case '?':
                    if (IsSpaceOrEnd(PeekAt(_pos + 1)))
                    {
                        throw new JsonParseException("Complex mapping keys ('? ') are not supported; write the key on one line.", _pos);
                    }

                    return ParsePlain(parentIndent, pointer);
                default:
                    return ParsePlain(parentIndent, pointer);
            }
        }

        /// <summary>Reads <c>&amp;anchor</c> and <c>!tag</c> before a node; returns the anchor name, if any. Tags are ignored.</summary>
        private string? ReadProperties()
        {
            string? anchor = null;
            while (Peek() == '&' || Peek() == '!')
            {
                var marker = _text[_pos];
                var start = ++_pos;
                while (_pos < _text.Length && !IsSpaceOrEnd(_text[_pos]) && _text[_pos] != ',' && _text[_pos] != ']' && _text[_pos] != '}')
                {
                    _pos++;
                }

                if (marker == '&')
                {
                    if (_pos == start)
                    {
                        throw new JsonParseException("An anchor needs a name after '&'.", start - 1);
                    }

                    anchor = _text.Substring(start, _pos - start);
                }

                SkipSpaces();
            }

            return anchor;
        }

        private JsonNode ReadAlias(string pointer)
        {
            var start = _pos++;
            while (_pos < _text.Length && !IsSpaceOrEnd(_text[_pos]) && _text[_pos] != ',' && _text[_pos] != ']' && _text[_pos] != '}')
            {
                _pos++;
            }

            var name = _text.Substring(start + 1, _pos - start - 1);
            if (!_anchors.TryGetValue(name, out var target))
            {
                throw new JsonParseException($"Alias '*{name}' names no anchor defined before it.", start);
            }

            return JsonNodeCopy.At(target, pointer);
        }

        private JsonNode Remember(string anchor, JsonNode node)
        {
            _anchors[anchor] = node;
            return node;
        }

        /// <summary><c>&lt;&lt;: *base</c> (or a list of aliases): the base's members the mapping does not set itself.</summary>
        private void Merge(List<JsonProperty> properties, HashSet<string> seen, JsonProperty merge)
        {
            var sources = merge.Value is JsonArray list ? list.Items : new[] { merge.Value };
            var pointer = merge.Value.Pointer.Substring(0, merge.Value.Pointer.LastIndexOf('/'));
            foreach (var source in sources)
            {
                if (source is not JsonObject obj)
                {
                    throw new JsonParseException("A merge key ('<<') takes a mapping alias or a list of them.", merge.NameStart);
                }

                foreach (var p in obj.Properties)
                {
                    if (seen.Add(p.Name))
                    {
                        properties.Add(new JsonProperty(p.Name, p.NameStart, p.NameLength, JsonNodeCopy.At(p.Value, pointer + "/" + JsonDocumentParser.EscapePointerToken(p.Name))));
                    }
                }
            }
        }

        /// <summary>Reads a block mapping key through its ':'.</summary>
        private (string Name, int Start, int Length) ReadKey()
        {
            var start = _pos;
            string name;
            int length;
            if (Peek() == '"' || Peek() == '\'')
            {
                var quoted = Peek() == '"' ? ParseDoubleQuoted("") : ParseSingleQuoted("");
                name = ((JsonString)quoted).Value;
                length = _pos - start;
            }
            else
            {
                while (!(_text[_pos] == ':' && IsSpaceOrEnd(PeekAt(_pos + 1))))
                {
                    _pos++;
                }

                length = TrimmedLength(start, _pos);
                name = _text.Substring(start, length);
            }

            SkipSpaces();
            if (Peek() != ':')
            {
                throw new JsonParseException("':' was expected after the mapping key.", _pos);
            }

            _pos++;
            return (name, start, length);
        }

        private int TrimmedLength(int start, int end)
        {
            while (end > start && (_text[end - 1] == ' ' || _text[end - 1] == '\t'))
            {
                end--;
            }

            return end - start;
        }

        private bool IsSequenceEntry() => Peek() == '-' && IsSpaceOrEnd(PeekAt(_pos + 1));

        /// <summary>Whether the current line, from here, is <c>key: ...</c> (a quoted or plain key, then ': ' or ':' at the line's end).</summary>
        private bool IsMappingKeyAhead()
        {
            var i = _pos;
            var c = PeekAt(i);
            if (c == '"' || c == '\'')
            {
                i++;
                while (i < _text.Length && _text[i] != '\n')
                {
                    if (_text[i] == '\\' && c == '"')
                    {
                        i += 2;
                        continue;
                    }

                    if (_text[i] == c)
                    {
                        if (c == '\'' && PeekAt(i + 1) == '\'')
                        {
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    i++;
                }

                i++;
                while (PeekAt(i) == ' ' || PeekAt(i) == '\t')
                {
                    i++;
                }

                return PeekAt(i) == ':' && IsSpaceOrEnd(PeekAt(i + 1));
            }

            if (c == '[' || c == '{' || c == '|' || c == '>' || c == '*' || c == '#' || c == '-' && IsSpaceOrEnd(PeekAt(i + 1)))
            {
                return false;
            }

            for (; i < _text.Length && _text[i] != '\n' && _text[i] != '\r'; i++)
            {
                if (_text[i] == ':' && IsSpaceOrEnd(PeekAt(i + 1)))
                {
                    return true;
                }

                if (_text[i] == '#' && i > _pos && (_text[i - 1] == ' ' || _text[i - 1] == '\t'))
                {
                    return false;
                }
            }

            return false;
        }

        private void CheckIndentation()
        {
            for (var i = _pos - 1; i >= 0 && _text[i] != '\n'; i--)
            {
                if (_text[i] == '\t' && LineIsBlankBefore(i))
                {
                    throw new JsonParseException("Tabs cannot indent YAML; use spaces.", i);
                }
            }
        }

        private bool LineIsBlankBefore(int index)
        {
            for (var i = index - 1; i >= 0 && _text[i] != '\n'; i--)
            {
                if (_text[i] != ' ' && _text[i] != '\t')
                {
                    return false;
                }
            }

            return true;
        }

        private void ExpectLineEnd()
        {
            SkipSpaces();
            if (!AtLineEnd())
            {
                throw new JsonParseException("Unexpected text after the value on this line.", _pos);
            }
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw new JsonParseException($"The document nests deeper than {MaxDepth} levels.", _pos);
            }
        }

        /// <summary>Skips blank lines, comments and spaces up to the next content character.</summary>
        private void SkipToContent()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
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

        private void SkipLine()
        {
            while (_pos < _text.Length && _text[_pos] != '\n')
            {
                _pos++;
            }
        }

        private void SkipSpaces()
        {
            while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t'))
            {
                _pos++;
            }
        }

        /// <summary>At the end of the line, or at a comment that runs to it.</summary>
        private bool AtLineEnd()
        {
            var c = Peek();
            return c == '\0' || c == '\n' || c == '\r' || c == '#' && (_pos == 0 || IsWhite(_text[_pos - 1]));
        }

        private bool IsMarker(string marker)
            => Column(_pos) == 0 && string.CompareOrdinal(_text, _pos, marker, 0, 3) == 0 && IsSpaceOrEnd(PeekAt(_pos + 3));

        private int Column(int pos)
        {
            var lineStart = pos == 0 ? 0 : _text.LastIndexOf('\n', pos - 1) + 1;
            if (lineStart == 0 && _text.Length > 0 && _text[0] == '\uFEFF')
            {
                lineStart = 1;
            }

            return pos - lineStart;
        }

        private char Peek() => PeekAt(_pos);

        private char PeekAt(int index) => index < _text.Length ? _text[index] : '\0';

        private static bool IsWhite(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

        private static bool IsSpaceOrEnd(char c) => c == '\0' || IsWhite(c);
    }
}
