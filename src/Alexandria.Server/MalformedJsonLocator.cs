using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Alexandria.OpenApi;

namespace Alexandria.Server;

/// <summary>
/// Where in a body a JSON parse failure is, as a JSON pointer. <see cref="JsonException"/> gives a line and byte
/// position but no pointer, and for a repeated member name not even the member: the problem's <c>errors[]</c> must
/// name it (<c>/objective</c> for <c>{"objective":1,"objective":2}</c>) so a client can find it.
/// </summary>
internal static class MalformedJsonLocator
{
    /// <summary>The pointer of the member or element being read when the text stopped being acceptable JSON.</summary>
    public static string Locate(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        var path = new List<Frame>();
        var pointer = string.Empty;
        try
        {
            while (reader.Read())
            {
                var top = path.Count > 0 ? path[^1] : null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        pointer = Pointer(path, name);
                        if (!top!.Names!.Add(name))
                        {
                            return pointer;
                        }

                        top.Current = name;
                        continue;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        pointer = top is null ? string.Empty : Pointer(path, top.Next());
                        path.Add(reader.TokenType == JsonTokenType.StartObject ? Frame.Object() : Frame.Array());
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        continue;
                    default:
                        pointer = top is null ? string.Empty : Pointer(path, top.Next());
                        continue;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The reader stopped inside the member or element last named: that is where the text goes wrong.
        }

        return pointer;
    }

    private static string Pointer(List<Frame> path, string last)
    {
        var text = new StringBuilder();
        for (var i = 0; i < path.Count - 1; i++)
        {
            text.Append('/').Append(JsonPointer.Escape(path[i].Current));
        }

        return text.Append('/').Append(JsonPointer.Escape(last)).ToString();
    }

    /// <summary>One open container: an object's member names seen so far, or an array's element count.</summary>
    private sealed class Frame
    {
        public HashSet<string>? Names { get; private init; }

        public string Current { get; set; } = string.Empty;

        private int _elements = -1;

        public static Frame Object() => new() { Names = new HashSet<string>(StringComparer.Ordinal) };

        public static Frame Array() => new();

        /// <summary>The token the next value sits at: the member just named, or the array's next index.</summary>
        public string Next()
        {
            if (Names is null)
            {
                Current = (++_elements).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Current;
        }
    }
}
