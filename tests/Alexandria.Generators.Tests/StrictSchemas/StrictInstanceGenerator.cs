using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>
/// A seeded generator of values a provider could produce under an exported strict schema: it walks the schema
/// and picks among what it allows — a type of a type array (so null for every nullable-forced member), an enum
/// value, a union branch, array lengths and numbers within bounds. Patterns come from a small table of samples.
/// </summary>
public sealed class StrictInstanceGenerator
{
    private static readonly Dictionary<string, Func<Random, string>> PatternSamples = new()
    {
        ["^[a-z]{3}$"] = r => new string(Enumerable.Range(0, 3).Select(_ => (char)('a' + r.Next(26))).ToArray()),
        ["^[a-z][a-z0-9_.-]{0,63}$"] = r => "tool_" + r.Next(0, 100).ToString(CultureInfo.InvariantCulture),
    };

    private readonly JsonElement _root;
    private readonly Random _random;

    public StrictInstanceGenerator(JsonElement root, int seed)
    {
        _root = root;
        _random = new Random(seed);
    }

    public JsonNode? Next() => Generate(_root, depth: 0);

    private JsonNode? Generate(JsonElement schema, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Generate(ProviderRuleChecker.Resolve(_root, reference.GetString()!)!.Value, depth + 1);
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            var branches = anyOf.EnumerateArray().ToList();
            // Deep in a recursive schema, prefer a branch that ends the recursion (null) when there is one.
            var branch = depth > 6 && branches.FirstOrDefault(IsNullSchema) is { ValueKind: JsonValueKind.Object } stop ? stop : branches[_random.Next(branches.Count)];
            return Generate(branch, depth + 1);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            var options = values.EnumerateArray().ToList();
            return JsonNode.Parse(options[_random.Next(options.Count)].GetRawText());
        }

        var types = schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } many ? many.EnumerateArray().Select(t => t.GetString()!).ToList() : [schema.GetProperty("type").GetString()!];
        var type = depth > 6 && types.Contains("null") ? "null" : types[_random.Next(types.Count)];
        return type switch
        {
            "null" => null,
            "boolean" => JsonValue.Create(_random.Next(2) == 0),
            "integer" => JsonValue.Create(Integer(schema)),
            "number" => JsonValue.Create(Number(schema)),
            "string" => JsonValue.Create(Text(schema)),
            "array" => Array(schema, depth),
            "object" => Object(schema, depth),
            _ => throw new InvalidOperationException("unknown type " + type),
        };
    }

    private JsonObject Object(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return result;
        }

        foreach (var member in properties.EnumerateObject())
        {
            result[member.Name] = Generate(member.Value, depth + 1);
        }

        return result;
    }

    private JsonArray Array(JsonElement schema, int depth)
    {
        var min = schema.TryGetProperty("minItems", out var minItems) ? minItems.GetInt32() : 0;
        var max = schema.TryGetProperty("maxItems", out var maxItems) ? maxItems.GetInt32() : min + 3;
        var count = depth > 6 ? min : _random.Next(min, Math.Min(max, min + 3) + 1);
        var result = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            result.Add(Generate(schema.GetProperty("items"), depth + 1));
        }

        return result;
    }

    private long Integer(JsonElement schema)
    {
        var min = schema.TryGetProperty("minimum", out var minimum) ? (long)minimum.GetDouble() : -1000;
        var max = schema.TryGetProperty("maximum", out var maximum) ? (long)maximum.GetDouble() : min + 2000;
        return _random.NextInt64(min, max + 1);
    }

    private double Number(JsonElement schema)
    {
        var min = schema.TryGetProperty("exclusiveMinimum", out var exclusive) ? exclusive.GetDouble() + 0.5 : schema.TryGetProperty("minimum", out var minimum) ? minimum.GetDouble() : -1000;
        var max = schema.TryGetProperty("maximum", out var maximum) ? maximum.GetDouble() : min + 2000;
        return Math.Round(min + (_random.NextDouble() * (max - min)), 3);
    }

    private string Text(JsonElement schema)
    {
        if (schema.TryGetProperty("format", out var format))
        {
            return FormatSamples.Sample(format.GetString()!, _random);
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            return PatternSamples.TryGetValue(pattern.GetString()!, out var sample)
                ? sample(_random)
                : throw new InvalidOperationException("no sample generator for pattern " + pattern.GetString());
        }

        var min = schema.TryGetProperty("minLength", out var minLength) ? minLength.GetInt32() : 0;
        var max = schema.TryGetProperty("maxLength", out var maxLength) ? maxLength.GetInt32() : min + 12;
        var length = _random.Next(min, Math.Min(max, min + 12) + 1);
        // Non-ASCII on purpose: the mapping must keep text the way it came.
        const string Alphabet = "abcxyz é\"\\ü—";
        return new string(Enumerable.Range(0, length).Select(_ => Alphabet[_random.Next(Alphabet.Length)]).ToArray());
    }

    private static bool IsNullSchema(JsonElement schema) => schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";
}
