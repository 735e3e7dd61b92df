using System.Globalization;
using System.Text.Json;

namespace Alexandria.Runtime.Storage;

/// <summary>
/// What artifact metadata may hold beyond being a JSON object. PostgreSQL's <c>jsonb</c> cannot store the
/// character U+0000, so the embedded store refuses it too: the same metadata is accepted or refused the same way
/// on both backends.
/// </summary>
public static class ArtifactMetadataRules
{
    /// <summary>The JSON pointer (relative to the metadata object) of the first string or member name holding U+0000, or null.</summary>
    public static string? FindNul(JsonElement metadata) => FindNul(metadata, "");

    private static string? FindNul(JsonElement value, string pointer)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!.Contains('\0', System.StringComparison.Ordinal) ? pointer : null;
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    var at = pointer + "/" + member.Name.Replace("~", "~0", System.StringComparison.Ordinal).Replace("/", "~1", System.StringComparison.Ordinal);
                    if (member.Name.Contains('\0', System.StringComparison.Ordinal))
                    {
                        return at;
                    }

                    if (FindNul(member.Value, at) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (FindNul(item, pointer + "/" + index.ToString(CultureInfo.InvariantCulture)) is { } found)
                    {
                        return found;
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }
}
