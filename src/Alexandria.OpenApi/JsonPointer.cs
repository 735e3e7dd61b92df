using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Alexandria.OpenApi;

/// <summary>RFC 6901 pointers: tokens, escaping, evaluation, and their form inside a URI fragment.</summary>
public static class JsonPointer
{
    /// <summary>The unescaped tokens of <paramref name="pointer"/> (<c>""</c> has none).</summary>
    public static IReadOnlyList<string> Tokens(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length == 0)
        {
            return [];
        }
        return pointer[1..].Split('/').Select(Unescape).ToArray();
    }

    /// <summary>A pointer made of <paramref name="tokens"/>.</summary>
    public static string Join(IEnumerable<string> tokens) => string.Concat(tokens.Select(t => "/" + Escape(t)));

    /// <summary><c>~</c> and <c>/</c> escaped as <c>~0</c> and <c>~1</c>.</summary>
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The value <paramref name="pointer"/> designates in <paramref name="root"/>; false when there is none.</summary>
    public static bool TryEvaluate(JsonNode? root, string pointer, out JsonNode? value)
    {
        value = root;
        foreach (var token in Tokens(pointer))
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var member):
                    value = member;
                    break;
                case JsonArray array when IsIndex(token, out var index) && index < array.Count:
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }
        return true;
    }

    private static bool IsIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        return int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index);
    }

    /// <summary>
    /// <paramref name="pointer"/> as a URI fragment: characters a fragment may not hold (space, <c>{</c>, <c>%</c>, …)
    /// percent-encoded as UTF-8, as RFC 6901 §6 asks.
    /// </summary>
    public static string ToFragment(string pointer)
    {
        var builder = new StringBuilder(pointer.Length);
        foreach (var b in Encoding.UTF8.GetBytes(pointer))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".Contains(c, StringComparison.Ordinal)))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
