using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Alexandria.Agents.Output;

/// <summary>
/// Finds the JSON object in what a model really sends: prose before and after it, markdown fences, trailing
/// commas. It never guesses what is missing: a reply whose object is cut off (truncated output) is refused
/// with an error the repair prompt can show, never completed into a value the model did not write.
/// </summary>
public static class JsonExtractor
{
    /// <summary>The JSON object in <paramref name="reply"/>, or why there is none.</summary>
    public static ExtractedJson Extract(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = StripFence(reply);
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return ExtractedJson.Refused(new OutputError("", "parse", "The reply contains no JSON object; reply with one JSON object and nothing else."));
        }

        // Prose may hold braces of its own ("the {query} argument"): the first candidate that parses wins,
        // and the first candidate's problem is the one reported when none does.
        ExtractedJson? firstFailure = null;
        for (; start >= 0; start = text.IndexOf('{', start + 1))
        {
            var attempt = TryAt(text, start);
            if (attempt.Succeeded || attempt.Truncated)
            {
                // Every later brace lies inside an object that never closes: a fragment of it is not the answer.
                return attempt;
            }

            firstFailure ??= attempt;
        }

        return firstFailure!;
    }

    private static ExtractedJson TryAt(string text, int start)
    {
        var end = FindClose(text, start);
        if (end < 0)
        {
            return ExtractedJson.Refused(new OutputError("", "parse", "The JSON object in the reply is cut off (truncated output): it never closes. Reply with the complete object."), truncated: true);
        }

        var candidate = WithoutTrailingCommas(text.Substring(start, end - start + 1));
        try
        {
            using var document = JsonDocument.Parse(candidate);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ExtractedJson.Refused(new OutputError("", "type", "The reply must be one JSON object."));
            }

            return ExtractedJson.Found(Encoding.UTF8.GetBytes(candidate));
        }
        catch (JsonException e)
        {
            return ExtractedJson.Refused(new OutputError("", "parse", $"The reply is not valid JSON (byte {e.BytePositionInLine} of line {e.LineNumber + 1}): {e.Message}"));
        }
    }

    /// <summary>The body of the first ``` fence when the reply has one; the reply otherwise.</summary>
    private static string StripFence(string reply)
    {
        var open = reply.IndexOf("```", StringComparison.Ordinal);
        if (open < 0)
        {
            return reply;
        }

        var bodyStart = reply.IndexOf('\n', open);
        if (bodyStart < 0)
        {
            return reply;
        }

        var close = reply.IndexOf("```", bodyStart, StringComparison.Ordinal);
        return close < 0 ? reply[(bodyStart + 1)..] : reply[(bodyStart + 1)..close];
    }

    /// <summary>Index of the brace that closes the one at <paramref name="start"/>, honouring strings; -1 when it never closes.</summary>
    private static int FindClose(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                case '[':
                    depth++;
                    break;
                case '}':
                case ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>True when a comma outside strings has only whitespace between it and a closing brace or bracket.</summary>
    private static bool HasTrailingComma(string json)
    {
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == ',')
            {
                var j = i + 1;
                while (j < json.Length && char.IsWhiteSpace(json[j]))
                {
                    j++;
                }

                if (j < json.Length && (json[j] == '}' || json[j] == ']'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Drops a comma that only whitespace separates from a closing brace or bracket (outside strings).</summary>
    private static string WithoutTrailingCommas(string json)
    {
        if (!HasTrailingComma(json))
        {
            // Nothing to drop: the usual reply is not copied.
            return json;
        }

        var output = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                output.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    output.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c == ',')
            {
                var j = i + 1;
                while (j < json.Length && char.IsWhiteSpace(json[j]))
                {
                    j++;
                }

                if (j < json.Length && (json[j] == '}' || json[j] == ']'))
                {
                    continue;
                }
            }

            output.Append(c);
        }

        return output.ToString();
    }
}

/// <summary>What <see cref="JsonExtractor"/> found: the object's UTF-8 bytes, or the errors that refuse the reply.</summary>
public sealed record ExtractedJson(byte[]? Utf8, IReadOnlyList<OutputError> Errors, bool Truncated = false)
{
    /// <summary>True when a JSON object was found.</summary>
    public bool Succeeded => Utf8 is not null;

    internal static ExtractedJson Found(byte[] utf8) => new(utf8, Array.Empty<OutputError>());

    internal static ExtractedJson Refused(OutputError error, bool truncated = false) => new(null, new[] { error }, truncated);
}
