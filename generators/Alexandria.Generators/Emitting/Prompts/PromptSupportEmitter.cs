namespace Alexandria.Generators.Emitting.Prompts
{
    /// <summary>
    /// Emits the types every accessor shares: the rendered prompt with its breakpoints and prefix hash,
    /// the descriptor the catalog lists, and the invariant-culture rendering of variable values.
    /// </summary>
    internal static class PromptSupportEmitter
    {
        private const string List = "global::System.Collections.Generic.IReadOnlyList";
        private const string Chars = "global::System.ReadOnlySpan<char>";

        public static string Emit(string fileName, string ns)
        {
            var w = new SourceWriter();
            GeneratedFileHeader.Write(w, fileName);
            using (w.OpenBlock("namespace " + ns))
            {
                WriteRenderedPrompt(w);
                w.Line();
                WriteCacheBreakpoint(w);
                w.Line();
                WriteDescriptor(w);
                w.Line();
                WriteOutputMarker(w);
                w.Line();
                WriteRendering(w);
            }

            return w.ToString();
        }

        private static void WriteRenderedPrompt(SourceWriter w)
        {
            w.Line("/// <summary>");
            w.Line("/// A prompt rendered from its manifest template. The same inputs always give the same");
            w.Line("/// <see cref=\"Text\"/>, breakpoints and <see cref=\"PrefixHash\"/>, byte for byte, so provider prompt caches hit.");
            w.Line("/// </summary>");
            w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (w.OpenBlock("public sealed class " + PromptSupportNames.RenderedPrompt))
            {
                using (w.OpenBlock("internal " + PromptSupportNames.RenderedPrompt + "(string promptId, string promptVersion, string? role, string templateHash, string text, " + List + "<" + PromptSupportNames.CacheBreakpoint + "> breakpoints, int runStableBreakpoints, "
                    + PromptSupportNames.PromptRendering + ".PrefixHashCache prefixHashes)"))
                {
                    w.Line("PromptId = promptId;");
                    w.Line("PromptVersion = promptVersion;");
                    w.Line("Role = role;");
                    w.Line("TemplateHash = templateHash;");
                    w.Line("Text = text;");
                    w.Line("Breakpoints = breakpoints;");
                    w.Line("RunStableBreakpoints = runStableBreakpoints;");
                    w.Line("PrefixHash = prefixHashes.HashOf(runStableBreakpoints == 0 ? " + Chars + ".Empty : global::System.MemoryExtensions.AsSpan(text, 0, breakpoints[runStableBreakpoints - 1].Offset));");
                }

                w.Line();
                w.Line("/// <summary>The manifest id of the prompt.</summary>");
                w.Line("public string PromptId { get; }");
                w.Line();
                w.Line("/// <summary>The manifest version of the prompt.</summary>");
                w.Line("public string PromptVersion { get; }");
                w.Line();
                w.Line("/// <summary>The message role, or null for a template rendered by code only.</summary>");
                w.Line("public string? Role { get; }");
                w.Line();
                w.Line("/// <summary>The SHA-256 of the template this text was rendered from (the manifest's template_sha256).</summary>");
                w.Line("public string TemplateHash { get; }");
                w.Line();
                w.Line("/// <summary>The rendered text.</summary>");
                w.Line("public string Text { get; }");
                w.Line();
                w.Line("/// <summary>The cache breakpoints, as offsets into <see cref=\"Text\"/>, in ascending order.</summary>");
                w.Line("public " + List + "<" + PromptSupportNames.CacheBreakpoint + "> Breakpoints { get; }");
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// How many of the first <see cref=\"Breakpoints\"/> have only <c>static</c> and <c>run</c> values before them (manifest");
                w.Line("/// <c>volatility</c>): their prefixes are the same for every request of a run. A later breakpoint (after a");
                w.Line("/// <c>snapshot</c> value) still caches between compactions, but its prefix changes at each one.");
                w.Line("/// </summary>");
                w.Line("public int RunStableBreakpoints { get; }");
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// The text before the last run-stable breakpoint (see <see cref=\"RunStableBreakpoints\"/>): the longest prefix that is");
                w.Line("/// byte-identical for every request of a run, across compactions (empty when no breakpoint is run-stable).");
                w.Line("/// </summary>");
                w.Line("public string StablePrefix => RunStableBreakpoints == 0 ? \"\" : Text.Substring(0, Breakpoints[RunStableBreakpoints - 1].Offset);");
                w.Line();
                w.Line("/// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of <see cref=\"StablePrefix\"/>: equal hashes mean a reusable cache prefix (recorded as <c>prefix_sha256</c>).</summary>");
                w.Line("public string PrefixHash { get; }");
                w.Line();
                w.Line("/// <inheritdoc/>");
                w.Line("public override string ToString() => Text;");
            }
        }

        private static void WriteCacheBreakpoint(SourceWriter w)
        {
            w.Line("/// <summary>A prompt-cache breakpoint: all text before <paramref name=\"Offset\"/> is a stable prefix named <paramref name=\"Name\"/>.</summary>");
            w.Line("/// <param name=\"Name\">The breakpoint's name in the manifest.</param>");
            w.Line("/// <param name=\"Offset\">The offset, in UTF-16 code units, of the breakpoint in the rendered text.</param>");
            w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            w.Line("public readonly record struct " + PromptSupportNames.CacheBreakpoint + "(string Name, int Offset);");
        }

        private static void WriteDescriptor(SourceWriter w)
        {
            w.Line("/// <summary>What the catalog knows about one prompt: identity, content hash, accessor and output type.</summary>");
            w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            w.Line("public sealed record " + PromptSupportNames.PromptDescriptor + "(string Id, string Version, string Kind, string? Role, string ContentHash, global::System.Type AccessorType, global::System.Type? OutputType);");
        }

        private static void WriteOutputMarker(SourceWriter w)
        {
            w.Line("/// <summary>Marks a prompt accessor whose reply must satisfy <typeparamref name=\"TOutput\"/>, so callers can constrain on it.</summary>");
            w.Line("/// <typeparam name=\"TOutput\">The generated type of the prompt's output schema.</typeparam>");
            w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            w.Line("public interface " + PromptSupportNames.PromptWithOutput + "<TOutput>");
            w.Line("{");
            w.Line("}");
        }

        private static void WriteRendering(SourceWriter w)
        {
            w.Line("/// <summary>Renders variable values deterministically: invariant culture, shortest round-trip numbers, list items in the caller's order.</summary>");
            w.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (w.OpenBlock("internal static class " + PromptSupportNames.PromptRendering))
            {
                w.Line("public static string Integer(long value) => value.ToString(global::System.Globalization.CultureInfo.InvariantCulture);");
                w.Line();
                w.Line("public static string Number(double value) => value.ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture);");
                w.Line();
                using (w.OpenBlock("public static int ListLength(" + List + "<string> items, string itemPrefix, string separator, string empty)"))
                {
                    using (w.OpenBlock("if (items.Count == 0)"))
                    {
                        w.Line("return empty.Length;");
                    }

                    w.Line();
                    w.Line("var length = (items.Count * itemPrefix.Length) + ((items.Count - 1) * separator.Length);");
                    using (w.OpenBlock("for (var i = 0; i < items.Count; i++)"))
                    {
                        w.Line("length += items[i]?.Length ?? 0;");
                    }

                    w.Line();
                    w.Line("return length;");
                }

                w.Line();
                WriteTextBuffer(w);
                w.Line();
                WritePrefixHashCache(w);
            }
        }

        private static void WriteTextBuffer(SourceWriter w)
        {
            w.Line("/// <summary>");
            w.Line("/// The text being rendered, in a buffer rented from the shared pool and sized by the accessor from its inputs: the");
            w.Line("/// one allocation a render makes for its text is the final string. A local of one render; never copied.");
            w.Line("/// </summary>");
            using (w.OpenBlock("internal struct TextBuffer"))
            {
                w.Line("private char[] _chars;");
                w.Line();
                using (w.OpenBlock("public TextBuffer(int capacity)"))
                {
                    w.Line("_chars = global::System.Buffers.ArrayPool<char>.Shared.Rent(capacity);");
                    w.Line("Length = 0;");
                }

                w.Line();
                w.Line("public int Length { get; private set; }");
                w.Line();
                using (w.OpenBlock("public void Append(string? value)"))
                {
                    using (w.OpenBlock("if (string.IsNullOrEmpty(value))"))
                    {
                        w.Line("return;");
                    }

                    w.Line();
                    using (w.OpenBlock("if (Length + value!.Length > _chars.Length)"))
                    {
                        w.Line("var larger = global::System.Buffers.ArrayPool<char>.Shared.Rent(global::System.Math.Max(Length + value.Length, _chars.Length * 2));");
                        w.Line("global::System.Array.Copy(_chars, larger, Length);");
                        w.Line("global::System.Buffers.ArrayPool<char>.Shared.Return(_chars);");
                        w.Line("_chars = larger;");
                    }

                    w.Line();
                    w.Line("value.CopyTo(0, _chars, Length, value.Length);");
                    w.Line("Length += value.Length;");
                }

                w.Line();
                using (w.OpenBlock("public void AppendList(" + List + "<string> items, string itemPrefix, string separator, string empty)"))
                {
                    using (w.OpenBlock("if (items.Count == 0)"))
                    {
                        w.Line("Append(empty);");
                        w.Line("return;");
                    }

                    w.Line();
                    using (w.OpenBlock("for (var i = 0; i < items.Count; i++)"))
                    {
                        using (w.OpenBlock("if (i > 0)"))
                        {
                            w.Line("Append(separator);");
                        }

                        w.Line();
                        w.Line("Append(itemPrefix);");
                        w.Line("Append(items[i]);");
                    }
                }

                w.Line();
                w.Line("/// <summary>The text; the buffer goes back to the pool, so this is the last call.</summary>");
                using (w.OpenBlock("public string ToStringAndReturn()"))
                {
                    w.Line("var text = new string(_chars, 0, Length);");
                    w.Line("global::System.Buffers.ArrayPool<char>.Shared.Return(_chars);");
                    w.Line("_chars = global::System.Array.Empty<char>();");
                    w.Line("return text;");
                }
            }
        }

        private static void WritePrefixHashCache(SourceWriter w)
        {
            w.Line("/// <summary>");
            w.Line("/// One accessor's last run-stable prefix and its hash. Every request of a run starts with the same prefix, so the");
            w.Line("/// hash is computed when the prefix changes (a new run, other tools) and otherwise reused after an ordinal compare of");
            w.Line("/// the text: the result is always the SHA-256 of the prefix given. Safe to share between threads (one immutable");
            w.Line("/// entry, replaced whole); runs rendering different prefixes at the same time only recompute more often.");
            w.Line("/// </summary>");
            using (w.OpenBlock("internal sealed class PrefixHashCache"))
            {
                w.Line("private Entry? _last;");
                w.Line();
                using (w.OpenBlock("public string HashOf(" + Chars + " prefix)"))
                {
                    w.Line("var last = global::System.Threading.Volatile.Read(ref _last);");
                    using (w.OpenBlock("if (last is not null && global::System.MemoryExtensions.SequenceEqual(prefix, global::System.MemoryExtensions.AsSpan(last.Prefix)))"))
                    {
                        w.Line("return last.Hash;");
                    }

                    w.Line();
                    w.Line("var hash = Sha256Hex(prefix);");
                    w.Line("global::System.Threading.Volatile.Write(ref _last, new Entry(prefix.ToString(), hash));");
                    w.Line("return hash;");
                }

                w.Line();
                w.Line("/// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of <paramref name=\"text\"/>.</summary>");
                using (w.OpenBlock("public static string Sha256Hex(" + Chars + " text)"))
                {
                    w.Line("var utf8 = global::System.Buffers.ArrayPool<byte>.Shared.Rent(global::System.Text.Encoding.UTF8.GetMaxByteCount(text.Length));");
                    w.Line("global::System.Span<byte> hash = stackalloc byte[32];");
                    using (w.OpenBlock("try"))
                    {
                        w.Line("var length = global::System.Text.Encoding.UTF8.GetBytes(text, utf8);");
                        w.Line("global::System.Security.Cryptography.SHA256.HashData(new global::System.ReadOnlySpan<byte>(utf8, 0, length), hash);");
                    }

                    using (w.OpenBlock("finally"))
                    {
                        w.Line("global::System.Buffers.ArrayPool<byte>.Shared.Return(utf8);");
                    }

                    w.Line();
                    w.Line("const string digits = \"0123456789abcdef\";");
                    w.Line("global::System.Span<char> hex = stackalloc char[64];");
                    using (w.OpenBlock("for (var i = 0; i < hash.Length; i++)"))
                    {
                        w.Line("hex[2 * i] = digits[hash[i] >> 4];");
                        w.Line("hex[(2 * i) + 1] = digits[hash[i] & 0xF];");
                    }

                    w.Line();
                    w.Line("return hex.ToString();");
                }

                w.Line();
                w.Line("private sealed record Entry(string Prefix, string Hash);");
            }
        }
    }
}
