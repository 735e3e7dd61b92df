using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>
/// Decides whether a value satisfies an exported strict schema, i.e. whether the provider could have produced it.
/// Covers the keywords an OpenAI strict export may hold ([OA-SO]); a small interpreter of that subset, for tests only.
/// </summary>
public static class StrictInstanceChecker
{
    public static bool Accepts(JsonElement root, JsonElement value) => Accepts(root, root, value);

    public static bool Accepts(JsonElement root, JsonElement schema, JsonElement value)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return ProviderRuleChecker.Resolve(root, reference.GetString()!) is { } target && Accepts(root, target, value);
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) && !anyOf.EnumerateArray().Any(branch => Accepts(root, branch, value)))
        {
            return false;
        }

        if (schema.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => IsType(t.GetString()!, value)) : IsType(type.GetString()!, value)))
        {
            return false;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            return false;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => AcceptsObject(root, schema, value),
            JsonValueKind.Array => AcceptsArray(root, schema, value),
            JsonValueKind.String => AcceptsString(schema, value.GetString()!),
            JsonValueKind.Number => AcceptsNumber(schema, value.GetDouble()),
            _ => true,
        };
    }

    private static bool AcceptsObject(JsonElement root, JsonElement schema, JsonElement value)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required) && required.EnumerateArray().Any(r => !value.TryGetProperty(r.GetString()!, out _)))
        {
            return false;
        }

        foreach (var member in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
            {
                if (!Accepts(root, memberSchema, member.Value)) return false;
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AcceptsArray(JsonElement root, JsonElement schema, JsonElement value)
    {
        var count = value.GetArrayLength();
        if ((schema.TryGetProperty("minItems", out var min) && count < min.GetInt32()) || (schema.TryGetProperty("maxItems", out var max) && count > max.GetInt32()))
        {
            return false;
        }

        return !schema.TryGetProperty("items", out var items) || value.EnumerateArray().All(item => Accepts(root, items, item));
    }

    private static bool AcceptsString(JsonElement schema, string value)
    {
        var length = value.EnumerateRunes().Count();
        return !(schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
               && !(schema.TryGetProperty("maxLength", out var max) && length > max.GetInt32())
               && !(schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value, pattern.GetString()!))
               && !(schema.TryGetProperty("format", out var format) && !FormatSamples.Matches(format.GetString()!, value));
    }

    private static bool AcceptsNumber(JsonElement schema, double value)
        => !(schema.TryGetProperty("minimum", out var min) && value < min.GetDouble())
           && !(schema.TryGetProperty("maximum", out var max) && value > max.GetDouble())
           && !(schema.TryGetProperty("exclusiveMinimum", out var exMin) && value <= exMin.GetDouble())
           && !(schema.TryGetProperty("exclusiveMaximum", out var exMax) && value >= exMax.GetDouble())
           && !(schema.TryGetProperty("multipleOf", out var step) && Math.Abs(Math.IEEERemainder(value, step.GetDouble())) > 1e-9);

    private static bool IsType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && double.IsInteger(value.GetDouble()),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => throw new InvalidOperationException("unknown type " + type),
    };
}

/// <summary>Sample values for the string formats strict exports keep, and a check good enough for them.</summary>
public static class FormatSamples
{
    public static string Sample(string format, Random random) => format switch
    {
        "date-time" => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 10_000_000)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        "date" => new DateTime(2026, 1, 1).AddDays(random.Next(0, 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "uuid" => new Guid(random.Next(), (short)random.Next(), (short)random.Next(), 1, 2, 3, 4, 5, 6, 7, 8).ToString(),
        "email" => "user" + random.Next(0, 1000).ToString(CultureInfo.InvariantCulture) + "@example.com",
        _ => throw new InvalidOperationException("no sample for format " + format),
    };

    public static bool Matches(string format, string value) => format switch
    {
        "date-time" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date" => DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uuid" => Guid.TryParse(value, out _),
        "email" => value.Contains('@'),
        _ => true,
    };
}
