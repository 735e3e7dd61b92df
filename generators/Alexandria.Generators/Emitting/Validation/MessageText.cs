using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Alexandria.Generators.Model.Validation;

namespace Alexandria.Generators.Emitting.Validation
{
    /// <summary>
    /// How validator messages show what the schema expects, decided at build time: strings quoted with JSON
    /// escapes and cut after <see cref="MaxChars"/> characters, lists cut after <see cref="MaxListed"/> entries.
    /// The run-time twin for instance values is the generated <c>InstanceText</c> (same rules), so a message
    /// never mixes two spellings.
    /// </summary>
    internal static class MessageText
    {
        public const int MaxChars = 40;
        public const int MaxListed = 16;

        /// <summary>
        /// <paramref name="text"/> in double quotes; quotes, backslashes, control characters, lone surrogates and
        /// line separators escaped as JSON writes them, so a message stays one printable line.
        /// </summary>
        public static string Quote(string text)
        {
            var builder = new StringBuilder(text.Length + 2).Append('"');
            var shown = 0;
            for (var i = 0; i < text.Length; i++, shown++)
            {
                if (shown == MaxChars)
                {
                    builder.Append('\u2026');
                    break;
                }

                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[++i]);
                    continue;
                }

                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < 0x20 || c == 0x7F || char.IsSurrogate(c) || c == '\u0085' || c == '\u2028' || c == '\u2029')
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

            return builder.Append('"').ToString();
        }

        /// <summary>A schema constant as JSON: strings quoted, other values as compact JSON, long ones cut.</summary>
        public static string Constant(ConstantModel value) => value.StringValue is string text ? Quote(text) : Cut(value.Json, MaxChars);

        /// <summary>Text cut to <paramref name="max"/> characters with "…" (never between the halves of a surrogate pair).</summary>
        public static string Cut(string text, int max)
        {
            if (text.Length <= max)
            {
                return text;
            }

            var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
            return text.Substring(0, end) + "\u2026";
        }

        /// <summary>"a, b, c"; past <see cref="MaxListed"/> entries "a, b, … (5 more)".</summary>
        public static string List(IReadOnlyList<string> items)
        {
            if (items.Count <= MaxListed)
            {
                return string.Join(", ", items);
            }

            return string.Join(", ", items.Take(MaxListed)) + ", \u2026 (" + (items.Count - MaxListed).ToString(CultureInfo.InvariantCulture) + " more)";
        }

        /// <summary>The constants' list as a message shows it: <c>"a", "b", "c"</c>.</summary>
        public static string Constants(ValidatorModel model, IEnumerable<int> constants)
            => List(constants.Select(c => Constant(model.Constants[c])).ToList());

        /// <summary>Quoted names as a list: <c>"a", "b"</c>.</summary>
        public static string Names(IEnumerable<string> names) => List(names.Select(Quote).ToList());
    }
}
