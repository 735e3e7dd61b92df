namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// The check every validator runs first: each string and member name of the instance must be Unicode text.
    /// RFC 8259 lets a string escape an unpaired surrogate (<c>"\ud800"</c>); I-JSON (RFC 7493 §2.1) forbids it, and so
    /// do Alexandria's contracts: such a string cannot become a .NET string (System.Text.Json throws when it is read),
    /// PostgreSQL's jsonb refuses it, and it is no text a person wrote. The same for bytes that are not UTF-8.
    /// Checking up front, over the whole instance, makes the verdict independent of which keywords happen to read
    /// which strings (the document and streaming paths agree by construction), and means no keyword ever meets
    /// such a string: patterns and formats only see well-formed UTF-16.
    /// </summary>
    internal static class UnicodeTextSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>Finds strings and member names that are not Unicode text; used only by generated validators.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal static class UnicodeText
    {
        /// <summary>Whether every string and member name in the UTF-8 text reads as Unicode text (JSON syntax is checked elsewhere).</summary>
        public static bool IsReadable(global::System.ReadOnlySpan<byte> utf8)
        {
            if (!MayBeUnreadable(utf8))
            {
                return true;
            }

            var reader = new global::System.Text.Json.Utf8JsonReader(utf8, StreamingValues.ReaderOptions);
            try
            {
                while (reader.Read())
                {
                    if ((reader.TokenType is global::System.Text.Json.JsonTokenType.String or global::System.Text.Json.JsonTokenType.PropertyName) && !Reads(ref reader))
                    {
                        return false;
                    }
                }
            }
            catch (global::System.Text.Json.JsonException)
            {
                // Not JSON: the validation itself says so.
            }

            return true;
        }

        /// <summary>Whether every string and member name of <paramref name="instance"/> reads as Unicode text.</summary>
        public static bool IsReadable(global::System.Text.Json.JsonElement instance)
        {
            global::System.Collections.Generic.List<ValidationError>? errors = null;
            return !MayBeUnreadable(instance) || Walk(instance, null, ref errors);
        }

        /// <summary>Null when every string reads; else one error per string that does not, at its pointer (a member name: at its object).</summary>
        public static ValidationResult? Check(global::System.Text.Json.JsonElement instance)
        {
            global::System.Collections.Generic.List<ValidationError>? errors = null;
            return !MayBeUnreadable(instance) || Walk(instance, "", ref errors) ? null : new ValidationResult(errors!);
        }

        /// <summary>Reads everything below <paramref name="e"/>; collects errors when <paramref name="pointer"/> is given, else stops at the first.</summary>
        private static bool Walk(global::System.Text.Json.JsonElement e, string? pointer, ref global::System.Collections.Generic.List<ValidationError>? errors)
        {
            var ok = true;
            switch (e.ValueKind)
            {
                case global::System.Text.Json.JsonValueKind.String:
                    try
                    {
                        _ = e.GetString();
                        return true;
                    }
                    catch (global::System.InvalidOperationException)
                    {
                        if (pointer is not null)
                        {
                            (errors ??= new global::System.Collections.Generic.List<ValidationError>()).Add(new ValidationError(pointer, "json", StringMessage(e), ""));
                        }

                        return false;
                    }

                case global::System.Text.Json.JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        string name;
                        try
                        {
                            name = p.Name;
                        }
                        catch (global::System.InvalidOperationException)
                        {
                            // The member's own pointer cannot be written: its name is not text.
                            if (pointer is null) return false;
                            (errors ??= new global::System.Collections.Generic.List<ValidationError>()).Add(new ValidationError(pointer, "json",
                                "a member name of the object is not Unicode text (it holds an unpaired surrogate or bytes that are not UTF-8; I-JSON, RFC 7493, forbids both)", ""));
                            ok = false;
                            continue;
                        }

                        if (!Walk(p.Value, pointer is null ? null : pointer + "/" + name.Replace("~", "~0").Replace("/", "~1"), ref errors))
                        {
                            if (pointer is null) return false;
                            ok = false;
                        }
                    }

                    return ok;
                case global::System.Text.Json.JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in e.EnumerateArray())
                    {
                        if (!Walk(item, pointer is null ? null : pointer + "/" + index.ToString(global::System.Globalization.CultureInfo.InvariantCulture), ref errors))
                        {
                            if (pointer is null) return false;
                            ok = false;
                        }

                        index++;
                    }

                    return ok;
                default:
                    return true;
            }
        }

        private static string StringMessage(global::System.Text.Json.JsonElement e)
        {
            try
            {
                _ = e.GetRawText();
            }
            catch (global::System.InvalidOperationException)
            {
                return "the string is not valid UTF-8";
            }

            return InstanceText.Of(e) + " holds an unpaired surrogate, which is not Unicode text (I-JSON, RFC 7493, forbids it)";
        }

        /// <summary>Reads the string or member name under the reader.</summary>
        private static bool Reads(ref global::System.Text.Json.Utf8JsonReader r)
        {
            if (!r.ValueIsEscaped)
            {
                return global::System.Text.Unicode.Utf8.IsValid(r.ValueSpan); // the reader is over one span: no value sequences
            }

            char[]? rented = null;
            try
            {
                StreamingValues.Text(in r, stackalloc char[StreamingValues.StackChars], ref rented);
                return true;
            }
            catch (global::System.InvalidOperationException)
            {
                return false;
            }
            finally
            {
                StreamingValues.Release(rented);
            }
        }

        /// <summary>
        /// The cheap test that lets almost every instance skip the walk: all of it is UTF-8 and nowhere does
        /// "\u" escape a surrogate (D800-DFFF). A paired escape ("\ud83d\ude00") passes here and is read in the walk.
        /// </summary>
        private static bool MayBeUnreadable(global::System.Text.Json.JsonElement instance)
        {
            if (instance.ValueKind == global::System.Text.Json.JsonValueKind.Undefined)
            {
                return false; // default(JsonElement) holds no text; the validation itself refuses it
            }

#if NET9_0_OR_GREATER
            return MayBeUnreadable(global::System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(instance));
#else
            string raw;
            try
            {
                raw = instance.GetRawText();
            }
            catch (global::System.InvalidOperationException)
            {
                return true;
            }

            for (var at = raw.IndexOf("\\u", global::System.StringComparison.Ordinal); at >= 0 && at + 3 < raw.Length; at = raw.IndexOf("\\u", at + 2, global::System.StringComparison.Ordinal))
            {
                if (IsSurrogateEscape(raw[at + 2], raw[at + 3])) return true;
            }

            return false;
#endif
        }

        /// <summary>
        /// The first byte that is not ASCII or is a backslash, or -1: ASCII without escapes always reads, so this one
        /// pass (16 or 32 bytes a step: such a byte has its top bit set, a backslash gets one from the comparison) settles
        /// almost every document.
        /// </summary>
        private static int FirstNotPlainAscii(global::System.ReadOnlySpan<byte> utf8)
        {
            var i = 0;
            if (global::System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
            {
                ref var start = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(utf8);
                var backslash = global::System.Runtime.Intrinsics.Vector256.Create((byte)'\\');
                for (; i <= utf8.Length - 64; i += 64)
                {
                    var v = global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref start, (nuint)i);
                    var w = global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref start, (nuint)i + 32);
                    var marks = v | global::System.Runtime.Intrinsics.Vector256.Equals(v, backslash) | w | global::System.Runtime.Intrinsics.Vector256.Equals(w, backslash);
                    if (global::System.Runtime.Intrinsics.Vector256.ExtractMostSignificantBits(marks) != 0) break;
                }

                for (; i <= utf8.Length - 32; i += 32)
                {
                    var v = global::System.Runtime.Intrinsics.Vector256.LoadUnsafe(ref start, (nuint)i);
                    if (global::System.Runtime.Intrinsics.Vector256.ExtractMostSignificantBits(v | global::System.Runtime.Intrinsics.Vector256.Equals(v, backslash)) != 0) break;
                }
            }

            if (global::System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
            {
                ref var start = ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(utf8);
                var backslash = global::System.Runtime.Intrinsics.Vector128.Create((byte)'\\');
                for (; i <= utf8.Length - 16; i += 16)
                {
                    var v = global::System.Runtime.Intrinsics.Vector128.LoadUnsafe(ref start, (nuint)i);
                    if (global::System.Runtime.Intrinsics.Vector128.ExtractMostSignificantBits(v | global::System.Runtime.Intrinsics.Vector128.Equals(v, backslash)) != 0) break;
                }
            }

            for (; i < utf8.Length; i++)
            {
                if (utf8[i] >= 0x80 || utf8[i] == (byte)'\\') return i;
            }

            return -1;
        }

        private static bool MayBeUnreadable(global::System.ReadOnlySpan<byte> utf8)
        {
            var first = FirstNotPlainAscii(utf8);
            if (first < 0)
            {
                return false;
            }

            // Everything before is ASCII, so the rest starts on a character.
            utf8 = utf8.Slice(first);
            if (!global::System.Text.Unicode.Utf8.IsValid(utf8))
            {
                return true;
            }

            for (var at = global::System.MemoryExtensions.IndexOf(utf8, "\\u"u8); at >= 0 && at + 3 < utf8.Length; )
            {
                if (IsSurrogateEscape((char)utf8[at + 2], (char)utf8[at + 3])) return true;
                var next = global::System.MemoryExtensions.IndexOf(utf8.Slice(at + 2), "\\u"u8);
                at = next < 0 ? -1 : at + 2 + next;
            }

            return false;
        }

        /// <summary>The first two hex digits of \uD800-\uDFFF.</summary>
        private static bool IsSurrogateEscape(char first, char second)
            => (first == 'd' || first == 'D') && ((second >= '8' && second <= '9') || (second >= 'a' && second <= 'f') || (second >= 'A' && second <= 'F'));
    }
}
""";
    }
}
