using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// Rewrites an ECMA-262 pattern (what JSON Schema's <c>pattern</c> means, with the <c>u</c> flag) into
    /// a .NET pattern with the same meaning. <c>RegexOptions.ECMAScript</c> is not used: it rejects
    /// <c>\p{…}</c> and lookbehind and gives <c>\s</c> the wrong set. The differences handled here:
    /// <c>\d</c> and <c>\w</c> are ASCII-only; <c>\s</c> is ECMA's white space; <c>$</c> matches only at
    /// the very end; <c>.</c> and quantified literals treat a surrogate pair as one code point;
    /// <c>\p{Letter}</c>-style long property names; <c>\u{…}</c> escapes.
    /// What the translation adds is unambiguous (each code point matches one way), so it never turns a pattern
    /// into one the backtracking engine can split exponentially many ways (see <see cref="AnyCodePoint"/>).
    /// </summary>
    internal static class EcmaRegexTranslator
    {
        private const string Whitespace = @"\t\n\v\f\r\p{Z}\uFEFF";
        private const string Word = "a-zA-Z0-9_";

        /// <summary>
        /// <c>.</c>: a BMP character other than a line terminator, or a surrogate pair. The two alternatives start
        /// with disjoint sets, so each code point matches one way (the old third alternative, "any surrogate",
        /// let a pair match as one pair or as two halves: <c>(?!.*\.\.)</c> then backtracked 2^n ways over n emoji).
        /// A lone surrogate never reaches a pattern: validators refuse a string holding one before any keyword runs.
        /// No lookaround either, so a pattern using <c>.</c> can still run on the linear NonBacktracking engine.
        /// </summary>
        internal const string AnyCodePoint = @"(?:[^\n\r\u2028\u2029\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])";

        private static readonly Dictionary<string, string> PropertyNames = new Dictionary<string, string>
        {
            ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
            ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo",
            ["Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me",
            ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
            ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
            ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi",
            ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
            ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So",
            ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
            ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs",
            ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
        };

        public static string Translate(string pattern)
        {
            var output = new StringBuilder(pattern.Length + 16);
            var inClass = false;
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\' && i + 1 < pattern.Length)
                {
                    i = TranslateEscape(pattern, i, inClass, output);
                    continue;
                }

                if (inClass)
                {
                    if (c == ']')
                    {
                        inClass = false;
                    }

                    output.Append(c);
                    continue;
                }

                switch (c)
                {
                    case '[':
                        inClass = true;
                        output.Append(c);
                        if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                        {
                            output.Append('^');
                            i++;
                        }

                        // ECMA allows ']' first in a class only as "[]" (matches nothing) or "[^]" (matches anything).
                        if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                        {
                            output.Length -= output[output.Length - 1] == '^' ? 2 : 1;
                            output.Append(pattern[i] == '^' ? @"[\s\S]" : "(?!)");
                            inClass = false;
                            i++;
                        }

                        break;
                    case '$':
                        output.Append(@"\z");
                        break;
                    case '.':
                        output.Append(AnyCodePoint);
                        break;
                    default:
                        if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]))
                        {
                            // A quantifier after an astral character applies to the whole code point.
                            output.Append("(?:").Append(c).Append(pattern[i + 1]).Append(')');
                            i++;
                        }
                        else
                        {
                            output.Append(c);
                        }

                        break;
                }
            }

            return output.ToString();
        }

        private static int TranslateEscape(string pattern, int i, bool inClass, StringBuilder output)
        {
            var e = pattern[i + 1];
            switch (e)
            {
                case 'd':
                    output.Append(inClass ? "0-9" : "[0-9]");
                    return i + 1;
                case 'D':
                    output.Append(inClass ? @"\P{Nd}" : "[^0-9]");
                    return i + 1;
                case 'w':
                    output.Append(inClass ? Word : "[" + Word + "]");
                    return i + 1;
                case 'W':
                    output.Append(inClass ? @"\W" : "[^" + Word + "]");
                    return i + 1;
                case 's':
                    output.Append(inClass ? Whitespace : "[" + Whitespace + "]");
                    return i + 1;
                case 'S':
                    output.Append(inClass ? @"\S" : "[^" + Whitespace + "]");
                    return i + 1;
                case 'p':
                case 'P':
                    var close = pattern.IndexOf('}', i);
                    if (i + 2 < pattern.Length && pattern[i + 2] == '{' && close > 0)
                    {
                        var name = pattern.Substring(i + 3, close - i - 3);
                        var equals = name.IndexOf('=');
                        if (equals >= 0)
                        {
                            var key = name.Substring(0, equals);
                            var value = name.Substring(equals + 1);
                            name = key == "General_Category" || key == "gc" ? value : "Is" + value;
                        }

                        output.Append('\\').Append(e).Append('{').Append(PropertyNames.TryGetValue(name, out var shortName) ? shortName : name).Append('}');
                        return close;
                    }

                    break;
                case 'u':
                    if (i + 2 < pattern.Length && pattern[i + 2] == '{')
                    {
                        var end = pattern.IndexOf('}', i);
                        if (end > 0 && int.TryParse(pattern.Substring(i + 3, end - i - 3), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint))
                        {
                            var text = char.ConvertFromUtf32(codePoint);
                            foreach (var unit in text)
                            {
                                output.Append("\\u").Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
                            }

                            return end;
                        }
                    }

                    break;
                case '/':
                    output.Append('/');
                    return i + 1;
            }

            output.Append('\\').Append(e);
            return i + 1;
        }
    }
}
