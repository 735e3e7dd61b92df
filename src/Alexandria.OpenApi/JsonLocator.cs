using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Alexandria.OpenApi;

/// <summary>
/// The line and column of the value a JSON pointer designates, found by reading the file's bytes again. Only
/// error paths ask, so a second pass costs nothing on the way that works, and messages can say
/// <c>openapi.json(52,17)</c> as the compiler does.
/// </summary>
internal static class JsonLocator
{
    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; }

        public string Key { get; set; } = "";
    }

    /// <summary>1-based line and column of the value at <paramref name="pointer"/>; (0, 0) when it is not found.</summary>
    public static (int Line, int Column) Locate(byte[] utf8, string pointer)
    {
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1].Key = reader.GetString() ?? "";
                        continue;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        Next(frames);
                        continue;
                }

                if (PointerOf(frames) == pointer)
                {
                    return Position(utf8, (int)reader.TokenStartIndex);
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                }
                else
                {
                    Next(frames);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON past some point: the parser has already said where.
        }
        return (0, 0);
    }

    /// <summary>1-based line and column of byte <paramref name="offset"/>, counting columns in characters.</summary>
    public static (int Line, int Column) Position(byte[] utf8, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset && i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, Encoding.UTF8.GetCharCount(utf8, lineStart, Math.Min(offset, utf8.Length) - lineStart) + 1);
    }

    private static void Next(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string PointerOf(List<Frame> frames)
    {
        var builder = new StringBuilder();
        foreach (var frame in frames)
        {
            builder.Append('/').Append(frame.IsArray ? frame.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : JsonPointer.Escape(frame.Key));
        }
        return builder.ToString();
    }
}
