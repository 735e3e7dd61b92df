using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Alexandria.Runtime.Guardrails;

namespace Alexandria.Agents.Tools;

/// <summary>
/// The <c>next_cursor</c> of a capped result: opaque to the model, but it names the offset of the next page and
/// the call it continues (hash of tool + arguments without the cursor), so passing it back as the
/// <c>cursor</c> argument of the same call really fetches the next page — and passing it to another call is refused.
/// </summary>
public static class PageCursor
{
    /// <summary>The argument the model passes a cursor back in.</summary>
    public const string ArgumentName = "cursor";

    private const string Prefix = "cur1.";

    /// <summary>The cursor of the page at <paramref name="offset"/> of <paramref name="toolName"/> with <paramref name="arguments"/>.</summary>
    public static string Encode(string toolName, JsonElement arguments, int offset)
    {
        var text = offset.ToString(CultureInfo.InvariantCulture) + ":" + CallHash.Compute(toolName, arguments)[..16];
        return Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The offset <paramref name="cursor"/> names, or an error when it is not a cursor of this call.</summary>
    public static int Decode(string cursor, string toolName, JsonElement arguments)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        string text;
        try
        {
            if (!cursor.StartsWith(Prefix, StringComparison.Ordinal))
            {
                throw new FormatException();
            }

            var body = cursor[Prefix.Length..].Replace('-', '+').Replace('_', '/');
            body = body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=');
            text = Encoding.UTF8.GetString(Convert.FromBase64String(body));
        }
        catch (FormatException)
        {
            throw new ToolArgumentException("/" + ArgumentName, "is not a cursor this runtime issued; pass next_cursor from the previous page unchanged.");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            throw new ToolArgumentException("/" + ArgumentName, "is not a cursor this runtime issued; pass next_cursor from the previous page unchanged.");
        }

        if (!string.Equals(text[(colon + 1)..], CallHash.Compute(toolName, arguments)[..16], StringComparison.Ordinal))
        {
            throw new ToolArgumentException("/" + ArgumentName, $"continues a different call; use it with the same {toolName} arguments that returned it.");
        }

        return offset;
    }
}
