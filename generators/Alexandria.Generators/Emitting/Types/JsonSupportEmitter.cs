namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The internal helpers every converter of one contract shares: typed reads that fail with a
    /// <c>JsonException</c> naming the member, list/map reading and writing, the discriminator look-ahead,
    /// and date writing that spells UTC as <c>Z</c>.
    /// </summary>
    internal static class JsonSupportEmitter
    {
        public static string Emit(TypeEmitContext context)
        {
            var writer = TypeEmitter.OpenFile(context);
            writer.Line("/// <summary>Reading and writing helpers shared by the converters of " + context.FileName + ".</summary>");
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (writer.OpenBlock("internal static class " + context.SupportClassName))
            {
                writer.Line(Body);
            }

            return TypeEmitter.CloseFile(writer);
        }

        private const string Body = @"public delegate T ItemReader<T>(ref global::System.Text.Json.Utf8JsonReader reader, global::System.Text.Json.JsonSerializerOptions options);

public delegate void ItemWriter<T>(global::System.Text.Json.Utf8JsonWriter writer, T value, global::System.Text.Json.JsonSerializerOptions options);

public static void ExpectStartObject(ref global::System.Text.Json.Utf8JsonReader reader, string typeName)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject)
    {
        throw new global::System.Text.Json.JsonException(typeName + "" must be a JSON object, not "" + Describe(reader.TokenType) + ""."");
    }
}

public static global::System.Text.Json.JsonException MissingProperty(string jsonName, string typeName)
    => new global::System.Text.Json.JsonException(""Required property '"" + jsonName + ""' is missing from "" + typeName + ""."");

public static string ReadString(ref global::System.Text.Json.Utf8JsonReader reader, string name)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String)
    {
        throw Mismatch(name, ""a string"", reader.TokenType);
    }

    return reader.GetString()!;
}

public static long ReadInt64(ref global::System.Text.Json.Utf8JsonReader reader, string name)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.Number || !reader.TryGetInt64(out var value))
    {
        throw Mismatch(name, ""an integer"", reader.TokenType);
    }

    return value;
}

public static double ReadDouble(ref global::System.Text.Json.Utf8JsonReader reader, string name)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.Number || !reader.TryGetDouble(out var value))
    {
        throw Mismatch(name, ""a number"", reader.TokenType);
    }

    return value;
}

public static bool ReadBoolean(ref global::System.Text.Json.Utf8JsonReader reader, string name)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.True && reader.TokenType != global::System.Text.Json.JsonTokenType.False)
    {
        throw Mismatch(name, ""a boolean"", reader.TokenType);
    }

    return reader.GetBoolean();
}

public static global::System.Guid ReadGuid(ref global::System.Text.Json.Utf8JsonReader reader, string name)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String || !reader.TryGetGuid(out var value))
    {
        throw Mismatch(name, ""a UUID string"", reader.TokenType);
    }

    return value;
}

public static global::System.DateTimeOffset ReadDateTimeOffset(ref global::System.Text.Json.Utf8JsonReader reader, string name)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
    {
        throw Mismatch(name, ""an RFC 3339 date-time string"", reader.TokenType);
    }

    return value;
}

public static global::System.DateOnly ReadDateOnly(ref global::System.Text.Json.Utf8JsonReader reader, string name)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String
        || !global::System.DateOnly.TryParseExact(reader.GetString(), ""yyyy-MM-dd"", global::System.Globalization.CultureInfo.InvariantCulture, global::System.Globalization.DateTimeStyles.None, out var value))
    {
        throw Mismatch(name, ""a yyyy-MM-dd date string"", reader.TokenType);
    }

    return value;
}

public static global::System.Uri ReadUri(ref global::System.Text.Json.Utf8JsonReader reader, string name, global::System.UriKind kind)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String || !global::System.Uri.TryCreate(reader.GetString(), kind, out var value))
    {
        throw Mismatch(name, kind == global::System.UriKind.Absolute ? ""an absolute URI string"" : ""a URI reference string"", reader.TokenType);
    }

    return value;
}

public static void ReadConstant(ref global::System.Text.Json.Utf8JsonReader reader, string name, string expected)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.String || !reader.ValueTextEquals(expected))
    {
        throw new global::System.Text.Json.JsonException(""'"" + name + ""' must be \"""" + expected + ""\""."");
    }
}

public static global::System.Collections.Generic.IReadOnlyList<T> ReadList<T>(ref global::System.Text.Json.Utf8JsonReader reader, string name, global::System.Text.Json.JsonSerializerOptions options, ItemReader<T> readItem)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartArray)
    {
        throw Mismatch(name, ""an array"", reader.TokenType);
    }

    var items = new global::System.Collections.Generic.List<T>();
    while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndArray)
    {
        items.Add(readItem(ref reader, options));
    }

    return items.AsReadOnly();
}

public static global::System.Collections.Generic.IReadOnlyDictionary<string, T> ReadDictionary<T>(ref global::System.Text.Json.Utf8JsonReader reader, string name, global::System.Text.Json.JsonSerializerOptions options, ItemReader<T> readValue)
{
    if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject)
    {
        throw Mismatch(name, ""an object"", reader.TokenType);
    }

    var values = new global::System.Collections.Generic.Dictionary<string, T>(global::System.StringComparer.Ordinal);
    while (reader.Read() && reader.TokenType != global::System.Text.Json.JsonTokenType.EndObject)
    {
        var key = reader.GetString()!;
        reader.Read();
        values[key] = readValue(ref reader, options);
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

private static global::System.Text.Json.JsonException Mismatch(string name, string expected, global::System.Text.Json.JsonTokenType actual)
    => new global::System.Text.Json.JsonException(""'"" + name + ""' must be "" + expected + "", not "" + Describe(actual) + ""."");

private static string Describe(global::System.Text.Json.JsonTokenType token) => token switch
{
    global::System.Text.Json.JsonTokenType.Null => ""null"",
    global::System.Text.Json.JsonTokenType.String => ""a string"",
    global::System.Text.Json.JsonTokenType.Number => ""a number"",
    global::System.Text.Json.JsonTokenType.True or global::System.Text.Json.JsonTokenType.False => ""a boolean"",
    global::System.Text.Json.JsonTokenType.StartObject => ""an object"",
    global::System.Text.Json.JsonTokenType.StartArray => ""an array"",
    _ => token.ToString(),
};";
    }
}
