namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// How a validator message shows the instance: the run-time twin of <see cref="MessageText"/> (same quoting,
    /// escaping and cut-off), so a message such as <c>"abc" is not a UUID</c> is one printable line whatever the
    /// value holds. Never throws: a string that cannot be read as text is named, not quoted.
    /// </summary>
    internal static class InstanceTextSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>Instance values as validator messages show them; used only by generated validators.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal static class InstanceText
    {
        private const int MaxChars = 40;

        /// <summary>A string quoted, a number or literal as written (cut after 40 characters), a container as "the object"/"the array".</summary>
        public static string Of(global::System.Text.Json.JsonElement e)
        {
            switch (e.ValueKind)
            {
                case global::System.Text.Json.JsonValueKind.Object:
                    return "the object";
                case global::System.Text.Json.JsonValueKind.Array:
                    return "the array";
                case global::System.Text.Json.JsonValueKind.String:
                    try
                    {
                        return Quote(e.GetString()!);
                    }
                    catch (global::System.InvalidOperationException)
                    {
                        // An escaped lone surrogate cannot become a string: show it as written. The message must not fail where the value did.
                        return AsWritten(e);
                    }

                default:
                    var raw = e.GetRawText();
                    return raw.Length <= MaxChars ? raw : raw.Substring(0, MaxChars) + "\u2026";
            }
        }

        /// <summary>
        /// <paramref name="text"/> in double quotes; quotes, backslashes, control characters, lone surrogates and line
        /// separators escaped as JSON writes them; cut after 40 characters with "…".
        /// </summary>
        public static string Quote(string text)
        {
            var builder = new global::System.Text.StringBuilder(global::System.Math.Min(text.Length, MaxChars) + 4).Append('"');
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
                            builder.Append("\\u").Append(((int)c).ToString("x4", global::System.Globalization.CultureInfo.InvariantCulture));
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

        /// <summary>A string's JSON text, escapes kept, cut after 40 characters; its bytes may not even be UTF-8.</summary>
        private static string AsWritten(global::System.Text.Json.JsonElement e)
        {
            string raw;
            try
            {
                raw = e.GetRawText();
            }
            catch (global::System.InvalidOperationException)
            {
                return "a string that is not valid UTF-8";
            }

            var builder = new global::System.Text.StringBuilder().Append('"');
            for (var i = 1; i < raw.Length - 1 && i <= MaxChars; i++)
            {
                var c = raw[i];
                if (char.IsHighSurrogate(c) && char.IsLowSurrogate(raw[i + 1]))
                {
                    builder.Append(c).Append(raw[++i]);
                }
                else if (c < 0x20 || c == 0x7F || char.IsSurrogate(c) || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", global::System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.Append(raw.Length - 2 > MaxChars ? "\u2026\"" : "\"").ToString();
        }

        /// <summary>"the array has 1 item", "the object has 3 members".</summary>
        public static string Has(string subject, int count, string noun)
            => subject + " has " + count.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
    }
}
""";
    }
}
