namespace Alexandria.Generators.Emitting.Validation.Support
{
    /// <summary>
    /// JSON value semantics JSON Schema needs and System.Text.Json does not give directly: mathematical number
    /// comparison (decimal when it fits, double otherwise), deep equality and code-point length.
    /// </summary>
    internal static class JsonValuesSource
    {
        public const string Text = """
namespace __NAMESPACE__
{
    /// <summary>JSON Schema value semantics over <see cref="global::System.Text.Json.JsonElement"/>; used only by generated validators.</summary>
    [global::System.CodeDom.Compiler.GeneratedCode("Alexandria", "__VERSION__")]
    [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
    internal static class JsonValues
    {
        public static global::System.Text.Json.JsonElement Parse(string json)
        {
            using var document = global::System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }

        /// <summary>Parses one JSON value; invalid JSON becomes a single "json" error, never an exception.</summary>
        public static bool TryParse(global::System.ReadOnlySpan<byte> utf8, out global::System.Text.Json.JsonDocument? document, out ValidationResult? failure)
        {
            document = null;
            failure = null;
            try
            {
                var reader = new global::System.Text.Json.Utf8JsonReader(utf8, new global::System.Text.Json.JsonReaderOptions { MaxDepth = 256 });
                document = global::System.Text.Json.JsonDocument.ParseValue(ref reader);
                if (reader.Read())
                {
                    throw new global::System.Text.Json.JsonException("unexpected data after the JSON value");
                }

                return true;
            }
            catch (global::System.Text.Json.JsonException e)
            {
                document?.Dispose();
                document = null;
                failure = new ValidationResult(new[] { new ValidationError("", "json", "the input is not valid JSON: " + e.Message, "") });
                return false;
            }
        }

        /// <summary>The result for a document holding a string that cannot be read as text (not UTF-8, or an unpaired surrogate escape).</summary>
        public static ValidationResult Unreadable(global::System.InvalidOperationException e)
            => new ValidationResult(new[] { new ValidationError("", "json", "the input is not valid JSON text: " + e.Message, "") });

        public static double ToDouble(global::System.Text.Json.JsonElement e)
            => double.Parse(e.GetRawText(), global::System.Globalization.NumberStyles.Float, global::System.Globalization.CultureInfo.InvariantCulture);

        public static bool IsInteger(global::System.Text.Json.JsonElement e)
            => e.TryGetInt64(out _) || IsIntegerLiteral(global::System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e));

        /// <summary>
        /// Whether a JSON number's text is an integer, exactly: no digit other than 0 is left after the decimal point
        /// once the exponent is applied. Decimal and double round (1e-32 is 0 in decimal, 1.0000000000000001 is 1 in
        /// double); the text does not.
        /// </summary>
        public static bool IsIntegerLiteral(global::System.ReadOnlySpan<byte> number)
        {
            var i = number.Length > 0 && number[0] == (byte)'-' ? 1 : 0;
            var integerDigits = 0;
            var lastNonZero = -1;
            var digits = 0;
            for (; i < number.Length && number[i] >= (byte)'0' && number[i] <= (byte)'9'; i++, integerDigits++, digits++)
            {
                lastNonZero = number[i] != (byte)'0' ? digits : lastNonZero;
            }

            if (i < number.Length && number[i] == (byte)'.')
            {
                for (i++; i < number.Length && number[i] >= (byte)'0' && number[i] <= (byte)'9'; i++, digits++)
                {
                    lastNonZero = number[i] != (byte)'0' ? digits : lastNonZero;
                }
            }

            long exponent = 0;
            if (i < number.Length && (number[i] == (byte)'e' || number[i] == (byte)'E'))
            {
                i++;
                var negative = i < number.Length && number[i] == (byte)'-';
                if (i < number.Length && (number[i] == (byte)'-' || number[i] == (byte)'+'))
                {
                    i++;
                }

                for (; i < number.Length; i++)
                {
                    // Saturates: an exponent beyond any digit count decides the same way as a larger one.
                    exponent = global::System.Math.Min(exponent * 10 + (number[i] - (byte)'0'), 1_000_000_000_000L);
                }

                exponent = negative ? -exponent : exponent;
            }

            // Zero, or the last non-zero digit (its index among all digits) sits left of the shifted decimal point.
            return lastNonZero < 0 || lastNonZero < integerDigits + exponent;
        }

        public static int Compare(global::System.Text.Json.JsonElement e, decimal limit)
            => e.TryGetDecimal(out var d) ? d.CompareTo(limit) : ToDouble(e).CompareTo((double)limit);

        public static int Compare(global::System.Text.Json.JsonElement e, double limit) => ToDouble(e).CompareTo(limit);

        /// <summary>Exact in decimal (0.0075 is a multiple of 0.0001); falls back to double only for values decimal cannot hold.</summary>
        public static bool IsMultipleOf(global::System.Text.Json.JsonElement e, decimal divisor)
        {
            if (e.TryGetDecimal(out var d))
            {
                try
                {
                    return d % divisor == 0m;
                }
                catch (global::System.OverflowException)
                {
                }
            }

            return IsMultipleOf(e, (double)divisor);
        }

        public static bool IsMultipleOf(global::System.Text.Json.JsonElement e, double divisor)
        {
            var x = ToDouble(e);
            return !double.IsInfinity(x) && x % divisor == 0;
        }

        /// <summary>JSON equality: 1 equals 1.0, member order does not matter, arrays compare item by item.</summary>
        public static bool DeepEquals(global::System.Text.Json.JsonElement a, global::System.Text.Json.JsonElement b)
        {
            var kind = a.ValueKind;
            if (kind != b.ValueKind)
            {
                return false;
            }

            switch (kind)
            {
                case global::System.Text.Json.JsonValueKind.Number:
                    if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
                    {
                        return x == y;
                    }

                    return ToDouble(a) == ToDouble(b);
                case global::System.Text.Json.JsonValueKind.String:
                    return a.ValueEquals(b.GetString());
                case global::System.Text.Json.JsonValueKind.Array:
                    if (a.GetArrayLength() != b.GetArrayLength())
                    {
                        return false;
                    }

                    using (var left = a.EnumerateArray())
                    using (var right = b.EnumerateArray())
                    {
                        while (left.MoveNext() && right.MoveNext())
                        {
                            if (!DeepEquals(left.Current, right.Current))
                            {
                                return false;
                            }
                        }
                    }

                    return true;
                case global::System.Text.Json.JsonValueKind.Object:
                    if (CountProperties(a) != CountProperties(b))
                    {
                        return false;
                    }

                    foreach (var member in a.EnumerateObject())
                    {
                        if (!b.TryGetProperty(member.Name, out var other) || !DeepEquals(member.Value, other))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return true;
            }
        }

        /// <summary>The first pair of equal items, or (-1, -1) when all items are distinct.</summary>
        public static (int First, int Second) FindDuplicate(global::System.Text.Json.JsonElement array)
        {
            var items = new global::System.Collections.Generic.List<global::System.Text.Json.JsonElement>();
            foreach (var item in array.EnumerateArray())
            {
                items.Add(item);
            }

            for (var i = 0; i < items.Count; i++)
            {
                for (var j = i + 1; j < items.Count; j++)
                {
                    if (DeepEquals(items[i], items[j]))
                    {
                        return (i, j);
                    }
                }
            }

            return (-1, -1);
        }

        public static int CountProperties(global::System.Text.Json.JsonElement e)
        {
            var count = 0;
            foreach (var _ in e.EnumerateObject())
            {
                count++;
            }

            return count;
        }

        /// <summary>Length in Unicode code points, as JSON Schema counts it (a surrogate pair is one character).</summary>
        public static int CodePoints(string s)
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

        /// <summary>A member name as a JSON string value, so <c>propertyNames</c> can validate it like any instance.</summary>
        public static global::System.Text.Json.JsonElement NameValue(string name)
        {
            var buffer = new global::System.IO.MemoryStream();
            using (var writer = new global::System.Text.Json.Utf8JsonWriter(buffer))
            {
                writer.WriteStringValue(name);
            }

            using var document = global::System.Text.Json.JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.Clone();
        }
    }
}
""";
    }
}
