using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Alexandria.Generators.Tests.StrictSchemas;

/// <summary>
/// Applies each provider's published structured-output rules to an exported schema, independently of the
/// generator's own rule table. Source keys are those of docs/providers.md ("Strict schema export"):
/// [OA-SO] OpenAI structured outputs guide, [OA-NODE] openai-node strict transform, [A-SO] Anthropic structured
/// outputs, [LCPP] llama.cpp's JSON-Schema-to-GBNF converter that Ollama uses, [OL] Ollama's own page.
/// </summary>
public static class ProviderRuleChecker
{
    public enum Provider { OpenAiStrict, Anthropic, Ollama }

    // [OA-SO] "Supported schemas" + annotations; minLength/maxLength accepted (providers.md §1). [OA-NODE] rejects the rest.
    private static readonly HashSet<string> OpenAiKeywords =
    [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs",
        "description", "title", "pattern", "format", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
    ];

    // [OA-SO] string formats: no uri.
    private static readonly HashSet<string> OpenAiFormats = ["date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];

    // [A-SO] "JSON Schema limitations": supported features.
    private static readonly HashSet<string> AnthropicKeywords =
    [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "enum", "const", "anyOf", "allOf",
        "$ref", "$defs", "description", "title", "default", "pattern", "format",
    ];

    private static readonly HashSet<string> AnthropicFormats = ["date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"];

    // [LCPP] what json_schema_to_grammar understands (everything else is skipped silently, which an export must not rely on).
    private static readonly HashSet<string> OllamaKeywords =
    [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "minLength", "maxLength",
        "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "$defs", "description", "title", "format", "pattern", "minimum", "maximum",
    ];

    private static readonly HashSet<string> OllamaFormats = ["date", "time", "date-time", "uuid"];

    private static readonly Regex SchemaName = new("^[a-zA-Z0-9_-]{1,64}$");

    /// <summary>Every rule the schema breaks, as "pointer: rule [source]" lines; empty when the provider accepts it.</summary>
    public static IReadOnlyList<string> Check(Provider provider, string name, string schemaJson)
    {
        var problems = new List<string>();
        using var document = JsonDocument.Parse(schemaJson);
        var root = document.RootElement;
        if (!SchemaName.IsMatch(name))
        {
            problems.Add("name '" + name + "' is not a-z A-Z 0-9 _ - up to 64 characters [OA-SO]");
        }

        if (provider != Provider.Ollama && (TypeOf(root) != "object" || root.TryGetProperty("anyOf", out _)))
        {
            problems.Add("/: the root must be an object schema, not anyOf [OA-SO][A-SO]");
        }

        var counters = new Counters();
        Walk(provider, root, root, "", problems, depth: 0, counters);
        if (provider == Provider.Anthropic)
        {
            if (HasCycle(root))
            {
                problems.Add("/: recursive schemas are not supported [A-SO]");
            }

            if (counters.Optional > 24) problems.Add("/: more than 24 optional parameters [A-SO]");
            if (counters.Unions > 16) problems.Add("/: more than 16 parameters with union types [A-SO]");
        }

        if (provider == Provider.OpenAiStrict)
        {
            if (counters.Properties > 5000) problems.Add("/: more than 5,000 object properties [OA-SO]");
            if (counters.EnumValues > 1000) problems.Add("/: more than 1,000 enum values [OA-SO]");
        }

        return problems;
    }

    private sealed class Counters
    {
        public int Optional;
        public int Unions;
        public int Properties;
        public int EnumValues;
    }

    private static void Walk(Provider provider, JsonElement root, JsonElement schema, string pointer, List<string> problems, int depth, Counters counters)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            problems.Add(pointer + ": a schema must be an object [OA-SO][A-SO]");
            return;
        }

        var allowed = provider switch { Provider.OpenAiStrict => OpenAiKeywords, Provider.Anthropic => AnthropicKeywords, _ => OllamaKeywords };
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!allowed.Contains(keyword.Name))
            {
                problems.Add(pointer + "/" + keyword.Name + ": keyword not supported by " + provider);
            }
        }

        if (provider == Provider.OpenAiStrict && depth > 10)
        {
            problems.Add(pointer + ": more than 10 levels of nesting [OA-SO]");
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            if (provider == Provider.OpenAiStrict && schema.EnumerateObject().Count() > 1)
            {
                problems.Add(pointer + ": $ref with sibling keywords [OA-NODE]");
            }

            if (Resolve(root, reference.GetString()!) is null)
            {
                problems.Add(pointer + ": $ref '" + reference.GetString() + "' does not resolve locally [OA-SO][A-SO][LCPP]");
            }
        }

        var hasType = schema.TryGetProperty("type", out var type);
        if (provider != Provider.Ollama && !hasType && !schema.TryGetProperty("$ref", out _) && !schema.TryGetProperty("anyOf", out _) && !schema.TryGetProperty("allOf", out _))
        {
            problems.Add(pointer + ": schema names no type [OA-SO]");
        }

        if (hasType && type.ValueKind == JsonValueKind.Array)
        {
            counters.Unions++;
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            counters.Unions++;
            var i = 0;
            foreach (var branch in anyOf.EnumerateArray())
            {
                Walk(provider, root, branch, pointer + "/anyOf/" + i++, problems, depth + 1, counters);
            }

            if (provider == Provider.Ollama && schema.TryGetProperty("properties", out _))
            {
                problems.Add(pointer + ": properties mixed with anyOf in one node are skipped [LCPP]");
            }
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            var i = 0;
            foreach (var branch in allOf.EnumerateArray())
            {
                if (provider == Provider.Anthropic && branch.TryGetProperty("$ref", out _))
                {
                    problems.Add(pointer + "/allOf: allOf with $ref is not supported [A-SO]");
                }

                Walk(provider, root, branch, pointer + "/allOf/" + i++, problems, depth + 1, counters);
            }
        }

        if (schema.TryGetProperty("$defs", out var definitions))
        {
            if (pointer.Length > 0)
            {
                problems.Add(pointer + ": $defs below the root");
            }

            foreach (var definition in definitions.EnumerateObject())
            {
                Walk(provider, root, definition.Value, "/$defs/" + definition.Name, problems, 0, counters);
            }
        }

        CheckObject(provider, root, schema, pointer, problems, depth, counters);
        CheckValues(provider, schema, pointer, problems, counters);
        if (schema.TryGetProperty("items", out var items))
        {
            Walk(provider, root, items, pointer + "/items", problems, depth + 1, counters);
        }
    }

    private static void CheckObject(Provider provider, JsonElement root, JsonElement schema, string pointer, List<string> problems, int depth, Counters counters)
    {
        var isObject = TypeOf(schema) == "object" || (schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Array && t.EnumerateArray().Any(x => x.GetString() == "object"));
        if (!isObject)
        {
            return;
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        if (provider != Provider.Ollama && additional.ValueKind != JsonValueKind.False)
        {
            problems.Add(pointer + ": additionalProperties must be false on every object [OA-SO][A-SO]");
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().ToList() : [];
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        counters.Properties += properties.Count;
        if (provider == Provider.OpenAiStrict && !properties.Select(x => x.Name).OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(required.OrderBy(x => x, StringComparer.Ordinal)))
        {
            problems.Add(pointer + ": every property must be required [OA-SO]");
        }

        counters.Optional += properties.Count(x => !required.Contains(x.Name));
        foreach (var member in properties)
        {
            Walk(provider, root, member.Value, pointer + "/properties/" + member.Name, problems, depth + 1, counters);
        }

        if (provider == Provider.Ollama && additional.ValueKind == JsonValueKind.Object)
        {
            Walk(provider, root, additional, pointer + "/additionalProperties", problems, depth + 1, counters);
        }
    }

    private static void CheckValues(Provider provider, JsonElement schema, string pointer, List<string> problems, Counters counters)
    {
        if (schema.TryGetProperty("format", out var format))
        {
            var formats = provider switch { Provider.OpenAiStrict => OpenAiFormats, Provider.Anthropic => AnthropicFormats, _ => OllamaFormats };
            if (!formats.Contains(format.GetString()!))
            {
                problems.Add(pointer + "/format: '" + format.GetString() + "' is not a supported format");
            }
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            counters.EnumValues += values.GetArrayLength();
            if (provider == Provider.Anthropic && values.EnumerateArray().Any(v => v.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
            {
                problems.Add(pointer + "/enum: only primitive enum values [A-SO]");
            }
        }

        if (provider == Provider.Anthropic && schema.TryGetProperty("minItems", out var minItems) && minItems.GetInt32() > 1)
        {
            problems.Add(pointer + "/minItems: only 0 or 1 [A-SO]");
        }

        if (provider == Provider.Anthropic && schema.TryGetProperty("pattern", out var complex) && Regex.IsMatch(complex.GetString()!, @"\\[1-9bB]|\(\?[=!<]"))
        {
            problems.Add(pointer + "/pattern: backreferences, lookaround and \\b are not supported [A-SO]");
        }

        if (provider == Provider.Ollama)
        {
            if (schema.TryGetProperty("pattern", out var pattern) && !(pattern.GetString()!.StartsWith('^') && pattern.GetString()!.EndsWith('$')))
            {
                problems.Add(pointer + "/pattern: must be anchored ^...$ [OL] (ollama#8185)");
            }

            if ((schema.TryGetProperty("minimum", out _) || schema.TryGetProperty("maximum", out _)) && TypeOf(schema) != "integer")
            {
                problems.Add(pointer + ": minimum/maximum work only for integer [LCPP]");
            }
        }
    }

    private static string? TypeOf(JsonElement schema)
        => schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    public static JsonElement? Resolve(JsonElement root, string reference)
    {
        if (reference == "#")
        {
            return root;
        }

        if (!reference.StartsWith("#/$defs/", StringComparison.Ordinal) || !root.TryGetProperty("$defs", out var definitions))
        {
            return null;
        }

        return definitions.TryGetProperty(reference["#/$defs/".Length..], out var target) ? target : null;
    }

    /// <summary>Whether following $refs from the root can come back to a schema already on the path.</summary>
    private static bool HasCycle(JsonElement root)
    {
        var visiting = new HashSet<string>();
        var done = new HashSet<string>();

        bool Visit(string key, JsonElement schema)
        {
            if (done.Contains(key)) return false;
            if (!visiting.Add(key)) return true;
            var cycle = References(schema).Any(r => Resolve(root, r) is { } target && Visit(r, target));
            visiting.Remove(key);
            done.Add(key);
            return cycle;
        }

        return Visit("#", root);
    }

    private static IEnumerable<string> References(JsonElement schema)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in schema.EnumerateObject())
                {
                    if (member.Name == "$ref" && member.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return member.Value.GetString()!;
                    }
                    else if (member.Name != "$defs")
                    {
                        foreach (var nested in References(member.Value)) yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in schema.EnumerateArray())
                {
                    foreach (var nested in References(item)) yield return nested;
                }

                break;
        }
    }
}
