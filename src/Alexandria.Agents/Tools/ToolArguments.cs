using System.Collections.Generic;
using System.Text.Json;

namespace Alexandria.Agents.Tools;

/// <summary>Reading tool arguments with errors that name the argument.</summary>
public static class ToolArguments
{
    /// <summary>The required string <paramref name="name"/>, non-empty.</summary>
    public static string RequiredString(JsonElement arguments, string name)
    {
        if (arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty(name, out var value))
        {
            throw new ToolArgumentException("/" + name, "is required.");
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Trim().Length == 0)
        {
            throw new ToolArgumentException("/" + name, "must be a non-empty string.");
        }

        return value.GetString()!;
    }

    /// <summary>Refuses members other than <paramref name="allowed"/>, as <c>additionalProperties: false</c> would.</summary>
    public static void OnlyMembers(JsonElement arguments, params string[] allowed)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new ToolArgumentException("", "must be a JSON object.");
        }

        var known = new HashSet<string>(allowed);
        foreach (var property in arguments.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new ToolArgumentException("/" + property.Name, $"is not an argument of this tool (allowed: {string.Join(", ", allowed)}).");
            }
        }
    }
}
