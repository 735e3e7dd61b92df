namespace Alexandria.Generators.Emitting.Types
{
    /// <summary>
    /// The internal helper every generated record uses (once per compilation) to compare lists, maps and raw JSON by content (records alone
    /// compare them by reference, so a document read twice would not compare equal).
    /// </summary>
    internal static class SequenceEqualityEmitter
    {
        public static string Emit(string contractNamespace)
        {
            var writer = TypeEmitter.OpenFile(SharedFile, contractNamespace);
            writer.Line("/// <summary>Content equality for the lists, maps and raw JSON in the records of every contract.</summary>");
            writer.Line(GeneratedFileHeader.GeneratedCodeAttribute);
            using (writer.OpenBlock($"internal static class {TypeEmitContext.SharedEqualityClassName}"))
            {
                writer.Line(Body);
            }

            return TypeEmitter.CloseFile(writer);
        }

        /// <summary>What the header names as the source: no one contract.</summary>
        private const string SharedFile = "the Alexandria serialization runtime";

        private const string Body = @"public static bool ListEquals<T>(global::System.Collections.Generic.IReadOnlyList<T>? left, global::System.Collections.Generic.IReadOnlyList<T>? right)
{
    if (global::System.Object.ReferenceEquals(left, right))
    {
        return true;
    }

    if (left is null || right is null || left.Count != right.Count)
    {
        return false;
    }

    for (var i = 0; i < left.Count; i++)
    {
        if (!ItemEquals(left[i], right[i]))
        {
            return false;
        }
    }

    return true;
}

public static bool DictionaryEquals<T>(global::System.Collections.Generic.IReadOnlyDictionary<string, T>? left, global::System.Collections.Generic.IReadOnlyDictionary<string, T>? right)
{
    if (global::System.Object.ReferenceEquals(left, right))
    {
        return true;
    }

    if (left is null || right is null || left.Count != right.Count)
    {
        return false;
    }

    foreach (var pair in left)
    {
        if (!right.TryGetValue(pair.Key, out var other) || !ItemEquals(pair.Value, other))
        {
            return false;
        }
    }

    return true;
}

public static bool JsonEquals(global::System.Text.Json.JsonElement left, global::System.Text.Json.JsonElement right)
    => global::System.Text.Json.JsonElement.DeepEquals(left, right);

public static bool JsonEquals(global::System.Text.Json.JsonElement? left, global::System.Text.Json.JsonElement? right)
    => left.HasValue == right.HasValue && (!left.HasValue || global::System.Text.Json.JsonElement.DeepEquals(left.Value, right!.Value));

public static int ListHash<T>(global::System.Collections.Generic.IReadOnlyList<T>? values)
{
    if (values is null)
    {
        return 0;
    }

    var hash = new global::System.HashCode();
    hash.Add(values.Count);
    foreach (var value in values)
    {
        hash.Add(ItemHash(value));
    }

    return hash.ToHashCode();
}

/// <summary>Order-independent, as map equality is.</summary>
public static int DictionaryHash<T>(global::System.Collections.Generic.IReadOnlyDictionary<string, T>? values) => values?.Count ?? 0;

public static int JsonHash(global::System.Text.Json.JsonElement value) => (int)value.ValueKind;

public static int JsonHash(global::System.Text.Json.JsonElement? value) => value.HasValue ? (int)value.Value.ValueKind : -1;

private static bool ItemEquals<T>(T left, T right) => ObjectEquals(left, right);

private static bool ObjectEquals(object? left, object? right)
{
    switch (left)
    {
        case null:
            return right is null;
        case global::System.Text.Json.JsonElement json:
            return right is global::System.Text.Json.JsonElement other && global::System.Text.Json.JsonElement.DeepEquals(json, other);
        case string:
            return left.Equals(right);
        case global::System.Collections.IDictionary map:
            if (right is not global::System.Collections.IDictionary otherMap || map.Count != otherMap.Count)
            {
                return false;
            }

            foreach (global::System.Collections.DictionaryEntry entry in map)
            {
                if (!otherMap.Contains(entry.Key) || !ObjectEquals(entry.Value, otherMap[entry.Key]))
                {
                    return false;
                }
            }

            return true;
        case global::System.Collections.IEnumerable sequence:
            if (right is not global::System.Collections.IEnumerable otherSequence)
            {
                return false;
            }

            var a = sequence.GetEnumerator();
            var b = otherSequence.GetEnumerator();
            while (true)
            {
                var hasA = a.MoveNext();
                if (hasA != b.MoveNext())
                {
                    return false;
                }

                if (!hasA)
                {
                    return true;
                }

                if (!ObjectEquals(a.Current, b.Current))
                {
                    return false;
                }
            }

        default:
            return left.Equals(right);
    }
}

private static int ItemHash<T>(T value) => value switch
{
    null => 0,
    global::System.Text.Json.JsonElement json => (int)json.ValueKind,
    string text => text.GetHashCode(),
    global::System.Collections.IEnumerable => 1,
    _ => value.GetHashCode(),
};";
    }
}
