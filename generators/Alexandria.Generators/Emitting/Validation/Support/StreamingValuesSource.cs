namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// The run-time half of the streaming validators (<c>IsValid(ReadOnlySpan&lt;byte&gt;)</c>): the state one pass
    /// threads through, and <see cref="JsonValuesSource">JsonValues</see>' semantics over a
    /// <c>Utf8JsonReader</c> positioned on a value. Every rule here must give the verdict JsonValues gives on
    /// the same value, because IsValid and Validate must agree on every input.
    /// </summary>
    internal static class StreamingValuesSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>State of one streaming validation pass; used only by generated validators.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal ref struct StreamingState
    {
        private const int MaxReferenceDepth = 256;

        public StreamingState(global::System.ReadOnlySpan<byte> document, bool assertFormats)
        {
            Document = document;
            AssertFormats = assertFormats;
            Depth = 0;
            Undecided = false;
        }

        /// <summary>The whole input, so a rare second look at an object reads it again from its start instead of every object keeping a reader copy.</summary>
        public readonly global::System.ReadOnlySpan<byte> Document;

        public readonly bool AssertFormats;

        /// <summary>Nested in-place references, counted as ValidationContext.Descend counts them so both paths give up at the same depth.</summary>
        public int Depth;

        /// <summary>
        /// Set when one forward pass cannot give the document path's verdict exactly (an object repeats a member a
        /// schema reads by name: the document path reads only the last one). The caller then validates by document.
        /// </summary>
        public bool Undecided;

        public bool Descend()
        {
            if (Depth >= MaxReferenceDepth)
            {
                return false;
            }

            Depth++;
            return true;
        }

        public void Ascend() => Depth--;

        /// <summary>Whether <paramref name="references"/> nested references from here stay within the depth Descend allows.</summary>
        public readonly bool CanDescend(int references) => Depth + references <= MaxReferenceDepth;

        public bool GiveUp()
        {
            Undecided = true;
            return false;
        }
    }

    /// <summary>A format check on text (<c>FormatAssertions</c>).</summary>
    internal delegate bool TextCheck(global::System.ReadOnlySpan<char> text);

    /// <summary>JSON Schema value semantics over a <see cref="global::System.Text.Json.Utf8JsonReader"/> on one value; used only by generated validators.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal static class StreamingValues
    {
        /// <summary>Strings up to this many UTF-8 bytes are decoded on the stack; longer ones borrow from the array pool.</summary>
        public const int StackChars = 128;

        /// <summary>How far into an object GuessMember looks for the discriminator.</summary>
        public const int GuessWindow = 1024;

        public static readonly global::System.Text.Json.JsonReaderOptions ReaderOptions = new global::System.Text.Json.JsonReaderOptions { MaxDepth = 256 };

        /// <summary>The token, with a member name read as the string it is (<c>propertyNames</c> validates names as strings).</summary>
        public static global::System.Text.Json.JsonTokenType TokenOf(ref global::System.Text.Json.Utf8JsonReader r)
            => r.TokenType == global::System.Text.Json.JsonTokenType.PropertyName ? global::System.Text.Json.JsonTokenType.String : r.TokenType;

        public static double ToDouble(ref global::System.Text.Json.Utf8JsonReader r)
            => double.Parse(r.ValueSpan, global::System.Globalization.NumberStyles.Float, global::System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// A number written as a plain integer of at most 18 digits (almost every integer in a document), parsed from
        /// its bytes; false for any other number, which the general rules below then decide.
        /// </summary>
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public static bool PlainInteger(ref global::System.Text.Json.Utf8JsonReader r, out long value)
        {
            var digits = r.ValueSpan;
            value = 0;
            var negative = digits.Length > 1 && digits[0] == (byte)'-';
            if (negative) digits = digits.Slice(1);
            if (digits.Length == 0 || digits.Length > 18) return false;
            foreach (var b in digits)
            {
                var digit = (uint)(b - '0');
                if (digit > 9) return false;
                value = value * 10 + digit;
            }

            if (negative) value = -value;
            return true;
        }

        public static bool IsInteger(ref global::System.Text.Json.Utf8JsonReader r)
        {
            if (PlainInteger(ref r, out _) || r.TryGetInt64(out _))
            {
                return true;
            }

            return JsonValues.IsIntegerLiteral(r.HasValueSequence ? global::System.Buffers.BuffersExtensions.ToArray(r.ValueSequence) : r.ValueSpan);
        }

        public static int Compare(ref global::System.Text.Json.Utf8JsonReader r, decimal limit)
        {
            if (r.TryGetInt64(out var n))
            {
                return ((decimal)n).CompareTo(limit);
            }

            return r.TryGetDecimal(out var d) ? d.CompareTo(limit) : ToDouble(ref r).CompareTo((double)limit);
        }

        /// <summary>An integer limit: a plain integer is compared as it is, any other number as a decimal.</summary>
        public static int Compare(ref global::System.Text.Json.Utf8JsonReader r, long limit)
            => PlainInteger(ref r, out var n) ? n.CompareTo(limit) : Compare(ref r, (decimal)limit);

        public static int Compare(ref global::System.Text.Json.Utf8JsonReader r, double limit) => ToDouble(ref r).CompareTo(limit);

        public static bool IsMultipleOf(ref global::System.Text.Json.Utf8JsonReader r, decimal divisor)
        {
            if (r.TryGetDecimal(out var d))
            {
                try
                {
                    return d % divisor == 0m;
                }
                catch (global::System.OverflowException)
                {
                }
            }

            return IsMultipleOf(ref r, (double)divisor);
        }

        public static bool IsMultipleOf(ref global::System.Text.Json.Utf8JsonReader r, double divisor)
        {
            var x = ToDouble(ref r);
            return !double.IsInfinity(x) && x % divisor == 0;
        }

        /// <summary>JsonValues.DeepEquals between the value under the reader and a constant; containers are compared as documents.</summary>
        public static bool DeepEquals(global::System.Text.Json.Utf8JsonReader r, global::System.Text.Json.JsonElement constant)
        {
            switch (TokenOf(ref r))
            {
                case global::System.Text.Json.JsonTokenType.Number:
                    if (constant.ValueKind != global::System.Text.Json.JsonValueKind.Number) return false;
                    if (r.TryGetDecimal(out var x) && constant.TryGetDecimal(out var y)) return x == y;
                    return ToDouble(ref r) == JsonValues.ToDouble(constant);
                case global::System.Text.Json.JsonTokenType.String:
                    return constant.ValueKind == global::System.Text.Json.JsonValueKind.String && r.ValueTextEquals(constant.GetString());
                case global::System.Text.Json.JsonTokenType.StartObject:
                case global::System.Text.Json.JsonTokenType.StartArray:
                    // Member order does not matter in JSON equality, so containers go through a document. Only schemas
                    // with object or array constants reach this, never the contracts' own.
                    using (var document = global::System.Text.Json.JsonDocument.ParseValue(ref r))
                    {
                        return JsonValues.DeepEquals(document.RootElement, constant);
                    }
                case global::System.Text.Json.JsonTokenType.True: return constant.ValueKind == global::System.Text.Json.JsonValueKind.True;
                case global::System.Text.Json.JsonTokenType.False: return constant.ValueKind == global::System.Text.Json.JsonValueKind.False;
                default: return constant.ValueKind == global::System.Text.Json.JsonValueKind.Null;
            }
        }

        /// <summary>
        /// Length in code points of the string under the reader, without decoding it when it has no escapes. Broken
        /// UTF-8 throws as JsonElement.GetString does, so both paths reject the same inputs.
        /// </summary>
        public static int CodePoints(ref global::System.Text.Json.Utf8JsonReader r)
        {
            if (r.ValueIsEscaped)
            {
                char[]? rented = null;
                var count = CodePoints(Text(in r, stackalloc char[StackChars], ref rented));
                Release(rented);
                return count;
            }

            var bytes = r.ValueSpan;
            if (global::System.Text.Ascii.IsValid(bytes))
            {
                return bytes.Length;
            }

            if (!global::System.Text.Unicode.Utf8.IsValid(bytes))
            {
                throw new global::System.InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.");
            }

            var points = 0;
            foreach (var b in bytes)
            {
                points += (b & 0xC0) != 0x80 ? 1 : 0;
            }

            return points;
        }

        /// <summary>
        /// Throws as JsonElement.GetString would when the string or member name under the reader cannot be read as
        /// text, where the document path reads it (a member name that additionalProperties, unevaluatedProperties or
        /// propertyNames looks at) and this path would not otherwise.
        /// </summary>
        public static void RequireText(ref global::System.Text.Json.Utf8JsonReader r)
        {
            if (r.ValueIsEscaped)
            {
                char[]? rented = null;
                Text(in r, stackalloc char[StackChars], ref rented);
                Release(rented);
            }
            else if (!global::System.Text.Ascii.IsValid(r.ValueSpan) && !global::System.Text.Unicode.Utf8.IsValid(r.ValueSpan))
            {
                throw new global::System.InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.");
            }
        }

        /// <summary>
        /// minLength/maxLength: text has at most its byte count in code points and, unescaped, at least a quarter of it,
        /// which settles most strings without counting. UnicodeText.IsReadable has checked the UTF-8 before this pass.
        /// </summary>
        public static bool LengthWithin(ref global::System.Text.Json.Utf8JsonReader r, long min, long max)
        {
            if (!r.HasValueSequence)
            {
                // Escaped, each code point takes up to 12 bytes (a surrogate pair as two \u escapes).
                var bytes = r.ValueSpan.Length;
                if (bytes <= max && (bytes + (r.ValueIsEscaped ? 11 : 3)) / (r.ValueIsEscaped ? 12 : 4) >= min) return true;
                if (bytes < min) return false;
            }

            var count = CodePoints(ref r);
            return count >= min && count <= max;
        }

        public static int CodePoints(global::System.ReadOnlySpan<char> s)
        {
            var count = s.Length;
            for (var i = 1; i < s.Length; i++)
            {
                if (char.IsLowSurrogate(s[i]) && char.IsHighSurrogate(s[i - 1]))
                {
                    count--;
                }
            }

            return count;
        }

        /// <summary>
        /// The string (or member name) under the reader as UTF-16, in <paramref name="stack"/> when it fits, else in an
        /// array rented into <paramref name="rented"/>; hand that to <see cref="Release"/>.
        /// </summary>
        /// <remarks>The reader comes by <c>in</c> so the compiler knows the stack buffer cannot escape into it.</remarks>
        public static global::System.ReadOnlySpan<char> Text(in global::System.Text.Json.Utf8JsonReader r, global::System.Span<char> stack, ref char[]? rented)
        {
            // Unescaping and transcoding never make more UTF-16 units than there are UTF-8 bytes.
            var length = r.HasValueSequence ? checked((int)r.ValueSequence.Length) : r.ValueSpan.Length;
            var buffer = length <= stack.Length ? stack : (rented = global::System.Buffers.ArrayPool<char>.Shared.Rent(length));

            // ASCII without escapes (ids, dates, paths) is widened as it is; anything else is unescaped and transcoded.
            if (!r.ValueIsEscaped && !r.HasValueSequence && global::System.Text.Ascii.ToUtf16(r.ValueSpan, buffer, out var widened) == global::System.Buffers.OperationStatus.Done)
            {
                return buffer.Slice(0, widened);
            }

            return buffer.Slice(0, r.CopyString(buffer));
        }

        /// <summary>An escaped string (rare) matched as text, out of line so the checks that call it stay small.</summary>
        public static bool IsMatch(in global::System.Text.Json.Utf8JsonReader r, global::System.Text.RegularExpressions.Regex pattern)
        {
            char[]? rented = null;
            var matched = pattern.IsMatch(Text(in r, stackalloc char[StackChars], ref rented));
            Release(rented);
            return matched;
        }

        /// <summary>An escaped string (rare) given to a format check as text.</summary>
        public static bool Check(in global::System.Text.Json.Utf8JsonReader r, TextCheck check)
        {
            char[]? rented = null;
            var valid = check(Text(in r, stackalloc char[StackChars], ref rented));
            Release(rented);
            return valid;
        }

        /// <summary>Whether an ASCII byte is in the class given as two 64-bit masks (a simple pattern's atom); never a non-ASCII byte.</summary>
        public static bool InClass(byte b, ulong low, ulong high)
            => b < 64 ? ((low >> b) & 1) != 0 : b < 128 && ((high >> (b - 64)) & 1) != 0;

        public static void Release(char[]? rented)
        {
            if (rented is not null)
            {
                global::System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }

        /// <summary>
        /// A guess at the string value of the member <paramref name="quotedName"/> (the name in quotes) of the object
        /// starting at <paramref name="start"/>: the raw bytes after the first occurrence of the quoted name within
        /// <see cref="GuessWindow"/> bytes, a colon and a quote, up to the next quote. One vectorized search instead
        /// of reading tokens, so only a guess (the match may be inside a nested value, or another object); empty when
        /// the bytes do not have that shape. The window keeps many objects without the name from costing n² bytes.
        /// </summary>
        public static global::System.ReadOnlySpan<byte> GuessMember(global::System.ReadOnlySpan<byte> document, long start, global::System.ReadOnlySpan<byte> quotedName)
        {
            var rest = document.Slice((int)start);
            var at = global::System.MemoryExtensions.IndexOf(rest.Slice(0, global::System.Math.Min(rest.Length, GuessWindow)), quotedName);
            if (at < 0)
            {
                return default;
            }

            rest = global::System.MemoryExtensions.TrimStart(rest.Slice(at + quotedName.Length), " \t\r\n"u8);
            if (rest.Length == 0 || rest[0] != (byte)':')
            {
                return default;
            }

            rest = global::System.MemoryExtensions.TrimStart(rest.Slice(1), " \t\r\n"u8);
            if (rest.Length == 0 || rest[0] != (byte)'"')
            {
                return default;
            }

            rest = rest.Slice(1);
            var end = global::System.MemoryExtensions.IndexOf(rest, (byte)'"');
            return end < 0 ? default : rest.Slice(0, end);
        }

        /// <summary>From the reader on an object's start, moves to the value of its first member named <paramref name="name"/>; false when there is none.</summary>
        public static bool FirstMember(ref global::System.Text.Json.Utf8JsonReader r, global::System.ReadOnlySpan<byte> name)
            => NextMemberFrom(ref r, name);

        /// <summary>From the reader on a member's value, moves to the value of the next member named <paramref name="name"/>; false when there is none.</summary>
        public static bool NextMember(ref global::System.Text.Json.Utf8JsonReader r, global::System.ReadOnlySpan<byte> name)
        {
            r.Skip();
            return NextMemberFrom(ref r, name);
        }

        private static bool NextMemberFrom(ref global::System.Text.Json.Utf8JsonReader r, global::System.ReadOnlySpan<byte> name)
        {
            while (r.Read() && r.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)
            {
                var found = r.ValueTextEquals(name);
                r.Read();
                if (found)
                {
                    return true;
                }

                r.Skip();
            }

            return false;
        }

        /// <summary>
        /// A member's value failed its <c>properties</c> schema. The document path judges only the last of repeated
        /// members, so when the object (starting at <paramref name="start"/> in the input) repeats the name, this pass gives up.
        /// </summary>
        public static bool RejectMember(ref StreamingState s, long start, global::System.ReadOnlySpan<byte> name)
        {
            var obj = new global::System.Text.Json.Utf8JsonReader(s.Document.Slice((int)start), ReaderOptions);
            if (s.Undecided || !obj.Read() || !FirstMember(ref obj, name))
            {
                return false;
            }

            return NextMember(ref obj, name) ? s.GiveUp() : false;
        }

        /// <summary>
        /// A member failed the schema of the union branch the discriminator picked. The document path picks the branch by
        /// the last discriminator and checks the last of repeated members, so when the object repeats either, this pass gives up.
        /// </summary>
        public static bool RejectBranchMember(ref StreamingState s, long start, global::System.ReadOnlySpan<byte> name, global::System.ReadOnlySpan<byte> discriminator)
        {
            RejectMember(ref s, start, name);
            return RejectMember(ref s, start, discriminator);
        }

        /// <summary>
        /// uniqueItems over the array under the reader (which it does not move). Scalars are compared in place, pair by
        /// pair as JsonValues.FindDuplicate does; an array holding containers or escaped strings goes through a document.
        /// </summary>
        public static bool ItemsAreUnique(global::System.ReadOnlySpan<byte> document, in global::System.Text.Json.Utf8JsonReader array)
        {
            // The usual list (a few unescaped strings, booleans or nulls): one pass notes where each item's bytes are in
            // the document, then pairs are compared as bytes. Numbers (1 and 1.0 are equal) and longer lists go pair by pair.
            global::System.Span<int> starts = stackalloc int[16];
            global::System.Span<int> lengths = stackalloc int[16];
            global::System.Span<byte> kinds = stackalloc byte[16];
            var items = array;
            var count = 0;
            while (items.Read() && items.TokenType != global::System.Text.Json.JsonTokenType.EndArray)
            {
                if (count == 16 || items.TokenType == global::System.Text.Json.JsonTokenType.Number || !IsPlainScalar(ref items))
                {
                    return ItemsAreUnique(array);
                }

                var quote = items.TokenType == global::System.Text.Json.JsonTokenType.String ? 1 : 0;
                starts[count] = (int)items.TokenStartIndex + quote;
                lengths[count] = items.ValueSpan.Length;
                kinds[count++] = (byte)items.TokenType;
            }

            for (var i = 1; i < count; i++)
            {
                var item = document.Slice(starts[i], lengths[i]);
                for (var j = 0; j < i; j++)
                {
                    if (kinds[j] == kinds[i] && global::System.MemoryExtensions.SequenceEqual(document.Slice(starts[j], lengths[j]), item))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool ItemsAreUnique(global::System.Text.Json.Utf8JsonReader array)
        {
            var outer = array;
            while (outer.Read() && outer.TokenType != global::System.Text.Json.JsonTokenType.EndArray)
            {
                if (!IsPlainScalar(ref outer))
                {
                    return ItemsAreUniqueByDocument(array);
                }

                var inner = outer;
                while (inner.Read() && inner.TokenType != global::System.Text.Json.JsonTokenType.EndArray)
                {
                    if (!IsPlainScalar(ref inner))
                    {
                        return ItemsAreUniqueByDocument(array);
                    }

                    if (ScalarEquals(ref outer, ref inner))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsPlainScalar(ref global::System.Text.Json.Utf8JsonReader r)
            => r.TokenType switch
            {
                global::System.Text.Json.JsonTokenType.StartObject or global::System.Text.Json.JsonTokenType.StartArray => false,
                global::System.Text.Json.JsonTokenType.String => !r.ValueIsEscaped && global::System.Text.Unicode.Utf8.IsValid(r.ValueSpan),
                _ => true,
            };

        private static bool ScalarEquals(ref global::System.Text.Json.Utf8JsonReader a, ref global::System.Text.Json.Utf8JsonReader b)
        {
            var kind = a.TokenType;
            if (kind != b.TokenType)
            {
                return false;
            }

            switch (kind)
            {
                case global::System.Text.Json.JsonTokenType.String:
                    return global::System.MemoryExtensions.SequenceEqual(a.ValueSpan, b.ValueSpan);
                case global::System.Text.Json.JsonTokenType.Number:
                    if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y)) return x == y;
                    return ToDouble(ref a) == ToDouble(ref b);
                default:
                    return true;
            }
        }

        private static bool ItemsAreUniqueByDocument(global::System.Text.Json.Utf8JsonReader array)
        {
            using var document = global::System.Text.Json.JsonDocument.ParseValue(ref array);
            return JsonValues.FindDuplicate(document.RootElement).First < 0;
        }
    }
}
""";
    }
}
