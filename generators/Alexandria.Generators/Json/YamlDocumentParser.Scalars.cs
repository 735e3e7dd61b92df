using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Alexandria.Generators.Json
{
    /// <summary>Scalars: plain (typed by the YAML 1.2 core schema), single- and double-quoted, literal and folded blocks.</summary>
    internal sealed partial class YamlDocumentParser
    {
        private static readonly Regex Integer = new Regex(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex Float = new Regex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

        /// <summary>
        /// A plain scalar; in block context it may continue on more-indented lines (folded into one line).
        /// <c>: </c> inside it is refused, as YAML does: the value needs quotes.
        /// </summary>
        private JsonNode ParsePlain(int parentIndent, string pointer)
        {
            var start = _pos;
            var text = new StringBuilder();
            var end = ReadPlainLine(text);
            while (true)
            {
                var save = _pos;
                var breaks = 0;
                while (_pos < _text.Length && (_text[_pos] == '\n' || _text[_pos] == '\r' || _text[_pos] == ' ' || _text[_pos] == '\t'))
                {
                    if (_text[_pos] == '\n')
                    {
                        breaks++;
                    }

                    _pos++;
                }

                if (breaks == 0 || _pos >= _text.Length || Column(_pos) <= parentIndent || _text[_pos] == '#' || IsMarker("---") || IsMarker("..."))
                {
                    _pos = save;
                    break;
                }

                text.Append(breaks == 1 ? " " : new string('\n', breaks - 1));
                end = ReadPlainLine(text);
            }

            _pos = end;
            return Resolve(text.ToString(), start, end - start, pointer);
        }

        /// <summary>Reads one line of a plain scalar up to a comment or the line's end; returns where its text ends.</summary>
        private int ReadPlainLine(StringBuilder text)
        {
            var lineStart = _pos;
            while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r')
            {
                var c = _text[_pos];
                if (c == '#' && _pos > lineStart && (_text[_pos - 1] == ' ' || _text[_pos - 1] == '\t'))
                {
                    break;
                }

                if (c == ':' && IsSpaceOrEnd(PeekAt(_pos + 1)))
                {
                    throw new JsonParseException("': ' inside a plain value: quote the value, or put the mapping on its own line.", _pos);
                }

                _pos++;
            }

            var end = lineStart + TrimmedLength(lineStart, _pos);
            text.Append(_text, lineStart, end - lineStart);
            return end;
        }

        private JsonNode ParseDoubleQuoted(string pointer)
        {
            var start = _pos++;
            var text = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw new JsonParseException("Unterminated double-quoted string.", start);
                }

                var c = _text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return new JsonString(start, _pos - start, text.ToString()) { Pointer = pointer };
                }

                if (c == '\\')
                {
                    ReadEscape(text);
                }
                else if (c == '\n' || c == '\r')
                {
                    Fold(text);
                }
                else
                {
                    text.Append(c);
                    _pos++;
                }
            }
        }

        private JsonNode ParseSingleQuoted(string pointer)
        {
            var start = _pos++;
            var text = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw new JsonParseException("Unterminated single-quoted string.", start);
                }

                var c = _text[_pos];
                if (c == '\'')
                {
                    if (PeekAt(_pos + 1) == '\'')
                    {
                        text.Append('\'');
                        _pos += 2;
                        continue;
                    }

                    _pos++;
                    return new JsonString(start, _pos - start, text.ToString()) { Pointer = pointer };
                }

                if (c == '\n' || c == '\r')
                {
                    Fold(text);
                }
                else
                {
                    text.Append(c);
                    _pos++;
                }
            }
        }

        /// <summary>A line break inside quotes: trailing spaces go, one break becomes a space, n+1 breaks become n newlines.</summary>
        private void Fold(StringBuilder text)
        {
            while (text.Length > 0 && (text[text.Length - 1] == ' ' || text[text.Length - 1] == '\t'))
            {
                text.Length--;
            }

            var breaks = 0;
            while (_pos < _text.Length && IsWhite(_text[_pos]))
            {
                if (_text[_pos] == '\n')
                {
                    breaks++;
                }

                _pos++;
            }

            text.Append(breaks <= 1 ? " " : new string('\n', breaks - 1));
        }

        private void ReadEscape(StringBuilder text)
        {
            var at = _pos;
            var e = PeekAt(_pos + 1);
            _pos += 2;
            switch (e)
            {
                case '0': text.Append('\0'); return;
                case 'a': text.Append('\a'); return;
                case 'b': text.Append('\b'); return;
                case 't': case '\t': text.Append('\t'); return;
                case 'n': text.Append('\n'); return;
                case 'v': text.Append('\v'); return;
                case 'f': text.Append('\f'); return;
                case 'r': text.Append('\r'); return;
                case 'e': text.Append('\u001b'); return;
                case ' ': text.Append(' '); return;
                case '"': text.Append('"'); return;
                case '/': text.Append('/'); return;
                case '\\': text.Append('\\'); return;
                case 'N': text.Append('\u0085'); return;
                case '_': text.Append('\u00a0'); return;
                case 'L': text.Append('\u2028'); return;
                case 'P': text.Append('\u2029'); return;
                case 'x': text.Append(ReadHex(at, 2)); return;
                case 'u': text.Append(ReadHex(at, 4)); return;
                case 'U': text.Append(ReadHex(at, 8)); return;
                case '\r':
                case '\n':
                    // An escaped line break joins the lines with nothing between them.
                    _pos--;
                    while (_pos < _text.Length && IsWhite(_text[_pos]))
                    {
                        _pos++;
                    }

                    return;
                default:
                    throw new JsonParseException($"Invalid escape sequence '\\{e}'.", at);
            }
        }

        private string ReadHex(int at, int digits)
        {
            if (_pos + digits > _text.Length
                || !int.TryParse(_text.Substring(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                throw new JsonParseException($"The escape needs {digits} hex digits.", at);
            }

            _pos += digits;
            return char.ConvertFromUtf32(code);
        }

        /// <summary><c>|</c> keeps line breaks, <c>&gt;</c> folds them; <c>-</c>/<c>+</c> strip or keep the final ones; a digit fixes the indentation.</summary>
        private JsonNode ParseBlockScalar(int parentIndent, string pointer)
        {
            var start = _pos;
            var folded = _text[_pos++] == '>';
            var chomp = ' ';
            var explicitIndent = 0;
            for (var i = 0; i < 2; i++)
            {
                var c = Peek();
                if (c == '-' || c == '+')
                {
                    chomp = c;
                    _pos++;
                }
                else if (c >= '1' && c <= '9')
                {
                    explicitIndent = c - '0';
                    _pos++;
                }
            }

            SkipSpaces();
            if (!AtLineEnd())
            {
                throw new JsonParseException("Only a comment may follow a block scalar's '|' or '>' on its line.", _pos);
            }

            SkipLine();
            var lines = new List<string>();
            var end = _pos;
            var indent = explicitIndent > 0 ? System.Math.Max(parentIndent, 0) + explicitIndent : -1;
            var trailingBlank = 0;
            while (_pos < _text.Length)
            {
                var lineStart = _pos + 1;
                var lineEnd = _text.IndexOf('\n', lineStart);
                if (lineEnd < 0)
                {
                    lineEnd = _text.Length;
                }

                var contentEnd = lineEnd > lineStart && _text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                var spaces = 0;
                while (lineStart + spaces < contentEnd && _text[lineStart + spaces] == ' ')
                {
                    spaces++;
                }

                if (lineStart + spaces == contentEnd)
                {
                    // A blank line belongs to the scalar (as a line break) unless the scalar has ended.
                    lines.Add("");
                    trailingBlank++;
                    _pos = lineEnd;
                    continue;
                }

                if (indent < 0)
                {
                    indent = spaces;
                }

                if (spaces < indent || spaces <= parentIndent)
                {
                    break;
                }

                lines.Add(_text.Substring(lineStart + indent, contentEnd - lineStart - indent));
                trailingBlank = 0;
                _pos = lineEnd;
                end = contentEnd;
            }

            // Blank lines after the last content line are the chomping's business, not the next node's.
            lines.RemoveRange(lines.Count - trailingBlank, trailingBlank);
            _pos = end;
            var value = BlockText(lines, folded);
            if (value.Length > 0 || chomp == '+')
            {
                value += chomp == '-' ? "" : chomp == '+' ? new string('\n', trailingBlank + (value.Length > 0 ? 1 : 0)) : "\n";
            }

            return new JsonString(start, System.Math.Max(end - start, 1), value) { Pointer = pointer };
        }

        private static string BlockText(List<string> lines, bool folded)
        {
            var text = new StringBuilder();
            var any = false;
            var pendingBreaks = 0;
            var previousMoreIndented = false;
            foreach (var line in lines)
            {
                if (line.Length == 0)
                {
                    pendingBreaks++;
                    continue;
                }

                var moreIndented = line[0] == ' ' || line[0] == '\t';
                if (!any)
                {
                    text.Append('\n', pendingBreaks);
                }
                else if (!folded)
                {
                    text.Append('\n', pendingBreaks + 1);
                }
                else if (pendingBreaks == 0)
                {
                    text.Append(moreIndented || previousMoreIndented ? '\n' : ' ');
                }
                else
                {
                    text.Append('\n', pendingBreaks + (moreIndented || previousMoreIndented ? 1 : 0));
                }

                text.Append(line);
                any = true;
                pendingBreaks = 0;
                previousMoreIndented = moreIndented;
            }

            return text.ToString();
        }

        /// <summary>The YAML 1.2 core schema: null, booleans, integers and floats by their spelling; everything else is a string.</summary>
        private static JsonNode Resolve(string text, int start, int length, string pointer)
        {
            switch (text)
            {
                case "":
                case "~":
                case "null":
                case "Null":
                case "NULL":
                    return new JsonLiteral(JsonNodeKind.Null, start, length) { Pointer = pointer };
                case "true":
                case "True":
                case "TRUE":
                    return new JsonLiteral(JsonNodeKind.True, start, length) { Pointer = pointer };
                case "false":
                case "False":
                case "FALSE":
                    return new JsonLiteral(JsonNodeKind.False, start, length) { Pointer = pointer };
            }

            var number = JsonNumberText(text);
            return number is null
                ? new JsonString(start, length, text) { Pointer = pointer }
                : new JsonNumber(start, length, number) { Pointer = pointer };
        }

        /// <summary>The JSON spelling of a YAML number (<c>+1</c> → <c>1</c>, <c>.5</c> → <c>0.5</c>, <c>0x1F</c> → <c>31</c>), or null.</summary>
        private static string? JsonNumberText(string text)
        {
            if (text.StartsWith("0x", System.StringComparison.Ordinal) && text.Length > 2
                && ulong.TryParse(text.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return hex.ToString(CultureInfo.InvariantCulture);
            }

            if (text.StartsWith("0o", System.StringComparison.Ordinal) && text.Length > 2)
            {
                ulong value = 0;
                foreach (var c in text.Substring(2))
                {
                    if (c < '0' || c > '7' || value > ulong.MaxValue / 8)
                    {
                        return null;
                    }

                    value = value * 8 + (ulong)(c - '0');
                }

                return value.ToString(CultureInfo.InvariantCulture);
            }

            if (!Integer.IsMatch(text) && !Float.IsMatch(text))
            {
                return null;
            }

            var negative = text[0] == '-';
            var digits = text[0] == '-' || text[0] == '+' ? text.Substring(1) : text;
            var exponentAt = digits.IndexOfAny(new[] { 'e', 'E' });
            var mantissa = exponentAt < 0 ? digits : digits.Substring(0, exponentAt);
            var exponent = exponentAt < 0 ? "" : digits.Substring(exponentAt);
            var dot = mantissa.IndexOf('.');
            var whole = (dot < 0 ? mantissa : mantissa.Substring(0, dot)).TrimStart('0');
            var fraction = dot < 0 ? null : mantissa.Substring(dot + 1);
            var json = (whole.Length == 0 ? "0" : whole) + (fraction is null ? "" : "." + (fraction.Length == 0 ? "0" : fraction)) + exponent;
            return negative ? "-" + json : json;
        }
    }
}
