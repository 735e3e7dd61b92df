namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The internal helpers every generated converter shares (once per compilation): typed reads that fail with a located
    /// <c>ContractJsonException</c> saying what was expected and what was found, list/map reading (adding the item's
    /// index or key to a failure's pointer) and writing, the discriminator look-ahead, date writing that spells UTC
    /// as <c>Z</c>, and what the typed entry points (<c>Parse</c>, <c>TryParse</c>, <c>ParseUnvalidated</c>) share.
    /// </summary>
    internal static class JsonSupportEmitter
    {
        public static string Emit(string contractNamespace)
        {
            var writer = TypeEmitter.OpenFile(SharedFile, contractNamespace);
            writer.Line("/// <summary>Reading and writing helpers shared by the converters of every contract.</summary>");
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (writer.OpenBlock($"internal static class {TypeEmitContext.SharedSupportClassName}"))
            {
                writer.Line(Body
                    .Replace("__FAIL__", TypeSupportEmitter.ContractJsonException(contractNamespace))
                    .Replace("__VALIDATION__", "global::" + SchemaNaming.ValidationNamespace(contractNamespace)));
            }

            return TypeEmitter.CloseFile(writer);
        }

        /// <summary>What the header names as the source: no one contract.</summary>
        private const string SharedFile = "the Alexandria serialization runtime";

        private const string Body = @"public delegate T ItemReader<T>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options);

public delegate void ItemWriter<T>(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.JsonSerializerOptions options);

public static void ExpectStartObject(ref global::System.Text.Json.Utf8JsonReader reader, string typeName)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject)
    {
        throw __FAIL__.Create(""expected a "" + typeName + "" object, found "" + Found(ref reader));
    }
}

public static global::System.Text.Json.JsonException MissingProperty(string jsonName, string typeName)
    => __FAIL__.Create(""required member '"" + jsonName + ""' of "" + typeName + "" is missing"");

public static string ReadString(ref global::System.Text.Json.Utf8JsonReader reader)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String)
    {
        throw Mismatch(""a string"", ref reader);
    }

    return reader.GetString()!;
}

public static long ReadInt64(ref global::System.Text.Json.Utf8JsonReader reader)
{
    if (reader.TokenType == global::System.Text.Json.JsonTokenType.Number)
    {
        if (reader.TryGetInt64(out var value))
        {
            return value;
        }

        // JSON Schema counts 4.0 and 4e0 as integers: read them as the integer they are when it fits in 64 bits.
        if (reader.TryGetDecimal(out var d) && d >= long.MinValue && d <= long.MaxValue
            && __VALIDATION__.JsonValues.IsIntegerLiteral(reader.HasValueSequence ? global::System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan))
        {
            return (long)decimal.Truncate(d);
        }
    }

    throw Mismatch(""an integer (64-bit)"", ref reader);
}

public static double ReadDouble(ref global::System.Text.Json.Utf8JsonReader reader)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.Number || !reader.TryGetDouble(out var value))
    {
        throw Mismatch(""a number"", ref reader);
    }

    return value;
}

public static bool ReadBoolean(ref global::System.Text.Json.Utf8JsonReader reader)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.True && reader.TokenType != global::System.Text.Json.JsonTokenType.False)
    {
        throw Mismatch(""a boolean"", ref reader);
    }

    return reader.GetBoolean();
}

public static global::System.Guid ReadGuid(ref global::System.Text.Json.Utf8JsonReader reader)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String || !reader.TryGetGuid(out var value))
    {
        throw Mismatch(""a UUID"", ref reader);
    }

    return value;
}

public static global::System.DateTimeOffset ReadDateTimeOffset(ref global::System.Text.Json.Utf8JsonReader reader)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
    {
        throw Mismatch(""an RFC 3339 date-time"", ref reader);
    }

    return value;
}

public static global::System.DateOnly ReadDateOnly(ref global::System.Text.Json.Utf8JsonReader reader)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String
        || !global::System.DateOnly.TryParseExact(reader.GetString(), ""yyyy-MM-dd"", global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.None, out var value))
    {
        throw Mismatch(""a yyyy-MM-dd date"", ref reader);
    }

    return value;
}

public static global::System.Uri ReadUri(ref global::System.Text.Json.Utf8JsonReader reader, global::System.UriKind kind)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String || !global::System.Uri.TryCreate(reader.GetString(), kind, out var value))
    {
        throw Mismatch(kind == global::System.UriKind.Absolute ? ""an absolute URI"" : ""a URI reference"", ref reader);
    }

    return value;
}

public static void ReadConstant(ref global::System.Text.Json.Utf8JsonReader reader, string expected)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String || !reader.ValueTextEquals(expected))
    {
        throw Mismatch(""\"""" + expected + ""\"""", ref reader);
    }
}

public static global::System.Collections.Generic.IReadOnlyList<T> ReadList<T>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options, ItemReader<T> readItem)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartArray)
    {
        throw Mismatch(""an array"", ref reader);
    }

    var items = new global::System.Collections.Generic.List<T>();
    try
    {
        while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndArray)
        {
            items.Add(readItem(ref reader, options));
        }
    }
    catch (global::System.Text.Json.JsonException e)
    {
        throw __FAIL__.AtIndex(e, items.Count);
    }

    return items.AsReadOnly();
}

public static global::System.Collections.Generic.IReadOnlyDictionary<string, T> ReadDictionary<T>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options, ItemReader<T> readValue)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject)
    {
        throw Mismatch(""an object"", ref reader);
    }

    var values = new global::System.Collections.Generic.Dictionary<string, T>(global::System.StringComparer.Ordinal);
    string? key = null;
    try
    {
        while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)
        {
            key = reader.GetString()!;
            reader.Read();
            values[key] = readValue(ref reader, options);
            key = null;
        }
    }
    catch (global::System.Text.Json.JsonException e) when (key is not null)
    {
        throw __FAIL__.AtMember(e, key);
    }

    return new global::System.Collections.ObjectModel.ReadOnlyDictionary<string, T>(values);
}

/// <summary>Scans a copy of the reader (passed by value) for a string member; the caller's reader does not move.</summary>
public static string? FindDiscriminator(global::System.Text.Json.Utf8JsonReader reader, global::System.ReadOnlySpan<byte> name)
{
    while (reader.Read() && reader.TokenType == global::System.Text.Json.JsonTokenType.PropertyName)
    {
        var found = reader.ValueTextEquals(name);
        reader.Read();
        if (found)
        {
            return reader.TokenType == global::System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
        }

        reader.Skip();
    }

    return null;
}

/// <summary>Writes UTC as ""Z"" (the canonical spelling) rather than ""+00:00"", so documents round-trip exactly.</summary>
public static void WriteDateTimeOffset(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateTimeOffset value)
{
    if (value.Offset == global::System.TimeSpan.Zero)
    {
        writer.WriteStringValue(value.UtcDateTime);
    }
    else
    {
        writer.WriteStringValue(value);
    }
}

public static void WriteDateOnly(global::System.Text.Json.Utf8JsonWriter writer, global::System.DateOnly value)
    => writer.WriteStringValue(value.ToString(""yyyy-MM-dd"", global::System.Globalization.CultureInfo.InvariantCulture));

public static void WriteList<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IReadOnlyList<T> values, global::System.Text.Json.JsonSerializerOptions options, ItemWriter<T> writeItem)
{
    writer.WriteStartArray();
    for (var i = 0; i < values.Count; i++)
    {
        writeItem(writer, values[i], options);
    }

    writer.WriteEndArray();
}

public static void WriteDictionary<T>(global::System.Text.Json.Utf8JsonWriter writer, global::System.Collections.Generic.IReadOnlyDictionary<string, T> values, global::System.Text.Json.JsonSerializerOptions options, ItemWriter<T> writeValue)
{
    writer.WriteStartObject();
    foreach (var pair in values)
    {
        writer.WritePropertyName(pair.Key);
        writeValue(writer, pair.Value, options);
    }

    writer.WriteEndObject();
}

/// <summary>Reads a whole document as <typeparamref name=""T""/> through its type info (no reflection); JSON null is refused, as the type cannot hold it.</summary>
public static T Read<T>(global::System.ReadOnlySpan<byte> utf8, global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string typeName)
    => global::System.Text.Json.JsonSerializer.Deserialize(utf8, typeInfo) ?? throw __FAIL__.Create(""expected a "" + typeName + "", found null"");

/// <summary>
/// Reads a document the validator accepted. The few documents a schema accepts and a C# type cannot hold (an integer
/// beyond 64 bits, a leap second) become a failed result with keyword <c>deserialize</c>, never an exception.
/// </summary>
public static bool TryRead<T>(global::System.ReadOnlySpan<byte> utf8, global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, string typeName, out T? value, out __VALIDATION__.ValidationResult result)
{
    try
    {
        value = Read(utf8, typeInfo, typeName);
        result = __VALIDATION__.ValidationResult.Valid;
        return true;
    }
    catch (global::System.Text.Json.JsonException e)
    {
        value = default;
        var failure = e as __FAIL__;
        result = new __VALIDATION__.ValidationResult(new[] { new __VALIDATION__.ValidationError(failure?.InstancePointer ?? """", ""deserialize"", failure?.Reason ?? e.Message, """") });
        return false;
    }
}

/// <summary>The UTF-8 bytes of a JSON text held in a string.</summary>
public static byte[] Utf8(string json) => global::System.Text.Encoding.UTF8.GetBytes(json);

/// <summary>Every byte left in <paramref name=""utf8Json""/>.</summary>
public static byte[] ReadAll(global::System.IO.Stream utf8Json)
{
    using var buffer = new global::System.IO.MemoryStream();
    utf8Json.CopyTo(buffer);
    return buffer.ToArray();
}

/// <summary>The token the reader is on, for a message: <c>42</c>, <c>""text""</c>, <c>null</c>, <c>an object</c>.</summary>
public static string Found(ref global::System.Text.Json.Utf8JsonReader reader)
{
    switch (reader.TokenType)
    {
        case global::System.Text.Json.JsonTokenType.Null: return ""null"";
        case global::System.Text.Json.JsonTokenType.True: return ""true"";
        case global::System.Text.Json.JsonTokenType.False: return ""false"";
        case global::System.Text.Json.JsonTokenType.StartObject: return ""an object"";
        case global::System.Text.Json.JsonTokenType.StartArray: return ""an array"";
        case global::System.Text.Json.JsonTokenType.Number:
            return Shorten(global::System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? global::System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()));
        case global::System.Text.Json.JsonTokenType.String:
            try
            {
                return ""\"""" + Shorten(reader.GetString()!) + ""\"""";
            }
            catch (global::System.InvalidOperationException)
            {
                return ""a string that is not valid UTF-8"";
            }

        default:
            return reader.TokenType.ToString();
    }
}

private static global::System.Text.Json.JsonException Mismatch(string expected, ref global::System.Text.Json.Utf8JsonReader reader)
    => __FAIL__.Create(""expected "" + expected + "", found "" + Found(ref reader));

private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 37) + ""..."";";
    }
}
