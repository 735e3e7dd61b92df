using System;
using System.Text;
using System.Text.Json;

namespace Alexandria.Runtime.Json;

/// <summary>
/// Finds the first place two JSON documents differ, as an RFC 6901 pointer, so a replay mismatch
/// names the field that drifted instead of two opaque byte arrays.
/// </summary>
public static class JsonPointerDiff
{
    /// <summary>
    /// The pointer of the first difference between <paramref name="expected"/> and
    /// <paramref name="actual"/> in document order, or null when they are equal as JSON values
    /// (member order included, since stored bytes must match).
    /// </summary>
    public static string? FirstDifference(ReadOnlyMemory<byte> expected, ReadOnlyMemory<byte> actual)
    {
        JsonDocument left;
        try
        {
            left = JsonDocument.Parse(expected);
        }
        catch (JsonException)
        {
            return "";
        }

        using (left)
        {
            try
            {
                using var right = JsonDocument.Parse(actual);
                return FirstDifference(left.RootElement, right.RootElement, "");
            }
            catch (JsonException)
            {
                return "";
            }
        }
    }

    /// <summary>The pointer of the first difference between two elements, or null when equal.</summary>
    public static string? FirstDifference(JsonElement expected, JsonElement actual, string pointer)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return pointer;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
            {
                using var left = expected.EnumerateObject();
                using var right = actual.EnumerateObject();
                while (true)
                {
                    var hasLeft = left.MoveNext();
                    var hasRight = right.MoveNext();
                    if (!hasLeft && !hasRight)
                    {
                        return null;
                    }

                    if (hasLeft != hasRight)
                    {
                        return pointer + "/" + Escape(hasLeft ? left.Current.Name : right.Current.Name);
                    }

                    var name = left.Current.Name;
                    if (!string.Equals(name, right.Current.Name, StringComparison.Ordinal))
                    {
                        return pointer + "/" + Escape(name);
                    }

                    var inner = FirstDifference(left.Current.Value, right.Current.Value, pointer + "/" + Escape(name));
                    if (inner is not null)
                    {
                        return inner;
                    }
                }
            }

            case JsonValueKind.Array:
            {
                var length = Math.Max(expected.GetArrayLength(), actual.GetArrayLength());
                for (var i = 0; i < length; i++)
                {
                    var itemPointer = pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (i >= expected.GetArrayLength() || i >= actual.GetArrayLength())
                    {
                        return itemPointer;
                    }

                    var inner = FirstDifference(expected[i], actual[i], itemPointer);
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            }

            case JsonValueKind.String:
                return string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal) ? null : pointer;
            case JsonValueKind.Number:
                return string.Equals(expected.GetRawText(), actual.GetRawText(), StringComparison.Ordinal) ? null : pointer;
            default:
                return null;
        }
    }

    private static string Escape(string token)
    {
        if (token.IndexOfAny(['~', '/']) < 0)
        {
            return token;
        }

        return new StringBuilder(token).Replace("~", "~0").Replace("/", "~1").ToString();
    }
}
