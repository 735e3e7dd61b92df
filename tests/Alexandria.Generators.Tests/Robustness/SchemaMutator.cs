using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Alexandria.Generators.Tests.Robustness;

/// <summary>
/// Deterministic mutations of a schema document, all drawn from one seeded <see cref="Random"/>: type swaps,
/// keyword deletion and duplication, wrong-typed and out-of-range keyword values, weird names (unicode, C# and
/// schema keywords, names that collide once made C#), deep nesting, <c>$ref</c> retargeting and cycles, huge
/// numbers, hostile descriptions. Each mutation says what it did, so a failing case reads as a recipe.
/// </summary>
public sealed class SchemaMutator(Random random)
{
    /// <summary>A member name the writer emits twice (a duplicate JSON member), marked so JsonObject can hold it.</summary>
    public const string DuplicateMarker = "\u0001dup\u0001";

    private static readonly string[] Keywords =
    [
        "type", "enum", "const", "required", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "pattern", "format", "$ref", "$id",
        "$anchor", "$dynamicRef", "$dynamicAnchor", "items", "prefixItems", "contains", "minContains", "maxContains", "properties",
        "patternProperties", "additionalProperties", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "allOf", "anyOf",
        "oneOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas", "$defs", "definitions", "dependencies",
        "description", "title", "default", "examples", "deprecated", "readOnly", "writeOnly", "contentSchema", "$schema",
        "x-alexandria-name", "x-alexandria-discriminator", "x-alexandria-assert-formats", "nullable", "discriminator",
    ];

    private static readonly string[] WeirdNames =
    [
        "", " ", "a", "A", "a_validator", "AValidator", "class", "namespace", "event", "@class", "1abc", "9", "_", "__", "-", "a-b",
        "a_b", "AB", "aB", "type", "$ref", "properties", "$defs", "Equals", "GetHashCode", "ToString", "GetType", "Match", "Switch",
        "Parse", "TryParse", "Validate", "IsValid", "ToJson", "TypeInfo", "Value", "Item", "Options", "Resolver", "System", "global",
        "JsonElement", "Optional", "ContractJsonException", "ValidationResult", "OutputSchemaJson", "CompiledOutputSchema",
        "Ünïcödé", "名前", "😀", "a\u2028b", "\u2029", "a\u0085b", "\r", "\n", "\t", "\"", "\\", "/", "~", "~1", "%25", "#", "/*", "*/",
        "//", "<summary>", "&amp;", "a\u0000b", "\u200Bzero", "\uFEFF", "x-", "x-alexandria-name", new string('n', 300),
    ];

    private static readonly string[] WeirdStrings =
    [
        "", "nope", "string", "object", "integer", "\u2028public class Injected { }", "*/ class X { } /*", "</summary><see cref=\"X\"/>",
        "\r}\r", "a\"b", "\\", "{0}", "%s", "\u0000", "\uD83D\uDE00", "\uFFFF", "date-time", "uuid", "uri", "regex", "email", "[", "(?<n>a)\\k<n>",
        "^(a+)+$", "\\p{L}", "#", "#/$defs", "#/$defs/missing", "other.json#/$defs/x", "https://example.com/s.json", "#anchor", "%",
        new string('s', 5000),
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "-1", "1", "2.5", "1.0", "-2", "0.1", "1e308", "-1e308", "1e400", "-1e400", "1e-400", "12345678901234567890123456789",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "79228162514264337593543950336", "1E2", "0.30000000000000004",
    ];

    private readonly List<string> _log = [];

    public IReadOnlyList<string> Log => _log;

    /// <summary>Applies 1 to 3 mutations to <paramref name="root"/> in place (the root may be replaced: use the returned node).</summary>
    public JsonNode Mutate(JsonNode root)
    {
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            try
            {
                root = MutateOnce(root);
            }
            catch (InvalidOperationException e)
            {
                // JsonNode refuses some re-parentings (a node cycle); the mutation is skipped, deterministically.
                _log.Add("skipped: " + e.Message);
            }
        }

        return root;
    }

    private JsonNode MutateOnce(JsonNode root)
    {
        var objects = Nodes(root).OfType<JsonObject>().ToList();
        var target = objects.Count > 0 ? Pick(objects) : null;
        switch (random.Next(14))
        {
            case 0 when target is not null: return Note(SwapType(root, target), "type swap");
            case 1 when target is not null && target.Count > 0: DeleteKeyword(target); return root;
            case 2 when target is not null && target.Count > 0: DuplicateKeyword(target); return root;
            case 3 when target is not null: SetKeyword(target, Pick(Keywords), RandomValue(2)); return root;
            case 4 when target is not null && target.Count > 0: Rename(target); return root;
            case 5 when target is not null: return Nest(root, target);
            case 6 when target is not null: RetargetRef(root, target); return root;
            case 7: MakeCycle(root); return root;
            case 8 when target is not null: SetKeyword(target, Pick(new[] { "minimum", "maximum", "multipleOf", "maxLength", "minItems", "exclusiveMaximum", "const", "enum" }), JsonNode.Parse(Pick(Numbers))); return root;
            case 9 when target is not null: SetKeyword(target, Pick(new[] { "description", "title", "$comment", "x-alexandria-name" }), JsonValue.Create(Pick(WeirdStrings) + Pick(WeirdNames))); return root;
            case 10 when target is not null: SetKeyword(target, "enum", WeirdEnum()); return root;
            case 11 when target is not null: CopySubtree(root, target); return root;
            case 12 when target is not null: AddWeirdProperty(target); return root;
            default: return root;
        }
    }

    private JsonNode Note(JsonNode root, string what)
    {
        _log.Add(what);
        return root;
    }

    /// <summary>Replaces an object (or the whole document) by a value of another JSON type.</summary>
    private JsonNode SwapType(JsonNode root, JsonObject target)
    {
        var replacement = RandomValue(1);
        if (target.Parent is null)
        {
            return replacement ?? JsonValue.Create(false)!;
        }

        Replace(target, replacement);
        _log.Add("replaced " + target.GetPath());
        return root;
    }

    private void DeleteKeyword(JsonObject target)
    {
        var name = Pick(target.Select(p => p.Key).ToList());
        target.Remove(name);
        _log.Add("deleted " + target.GetPath() + "." + name);
    }

    private void DuplicateKeyword(JsonObject target)
    {
        var member = Pick(target.ToList());
        target[DuplicateMarker + member.Key] = random.Next(2) == 0 ? member.Value?.DeepClone() : RandomValue(1);
        _log.Add("duplicated " + target.GetPath() + "." + member.Key);
    }

    private void SetKeyword(JsonObject target, string keyword, JsonNode? value)
    {
        target[keyword] = value;
        _log.Add("set " + target.GetPath() + "." + keyword + " = " + (value?.ToJsonString() ?? "null"));
    }

    private void Rename(JsonObject target)
    {
        var members = target.ToList();
        var member = Pick(members);
        var name = Pick(WeirdNames);
        if (name == member.Key || target.ContainsKey(name))
        {
            return;
        }

        // Rebuilt to keep member order (the generator names things in schema order).
        target.Clear();
        foreach (var m in members)
        {
            target[m.Key == member.Key ? name : m.Key] = m.Value;
        }

        _log.Add("renamed " + target.GetPath() + "." + member.Key + " to " + Show(name));
    }

    /// <summary>Wraps a schema in many levels of objects, arrays and applicators.</summary>
    private JsonNode Nest(JsonNode root, JsonObject target)
    {
        var depth = 1 + random.Next(random.Next(4) == 0 ? 90 : 12);
        JsonNode inner = target.Parent is null ? target : target.DeepClone();
        for (var i = 0; i < depth; i++)
        {
            inner = random.Next(4) switch
            {
                0 => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["n" + i] = inner } },
                1 => new JsonObject { ["type"] = "array", ["items"] = inner },
                2 => new JsonObject { ["allOf"] = new JsonArray(inner) },
                _ => new JsonObject { ["additionalProperties"] = inner },
            };
        }

        _log.Add("nested " + target.GetPath() + " " + depth + " deep");
        if (target.Parent is null)
        {
            // Keep $defs at the root so the document stays a $defs contract.
            var wrapped = (JsonObject)inner;
            if (target["$defs"] is JsonNode defs)
            {
                target.Remove("$defs");
                wrapped["$defs"] = defs;
            }

            return wrapped;
        }

        Replace(target, inner);
        return root;
    }

    private void RetargetRef(JsonNode root, JsonObject target)
    {
        var pointers = Nodes(root).OfType<JsonObject>().Select(n => "#" + Pointer(n)).ToList();
        var reference = random.Next(3) == 0 ? Pick(WeirdStrings.Where(s => s.StartsWith('#') || s.Contains(".json") || s.StartsWith("http")).ToList()) : Pick(pointers);
        SetKeyword(target, random.Next(5) == 0 ? "$dynamicRef" : "$ref", JsonValue.Create(reference));
    }

    /// <summary>Points two definitions (or one at itself) at each other with nothing in between.</summary>
    private void MakeCycle(JsonNode root)
    {
        if (root["$defs"] is not JsonObject defs || defs.Count == 0)
        {
            return;
        }

        var names = defs.Select(p => p.Key).ToList();
        var a = Pick(names);
        var b = Pick(names);
        var refA = "#/$defs/" + a.Replace("~", "~0").Replace("/", "~1");
        var refB = "#/$defs/" + b.Replace("~", "~0").Replace("/", "~1");
        defs[a] = random.Next(2) == 0 ? new JsonObject { ["$ref"] = refB } : new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = refB }) };
        if (a != b)
        {
            defs[b] = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["$ref"] = refA }) };
        }

        _log.Add("cycle " + Show(a) + " <-> " + Show(b));
    }

    private void CopySubtree(JsonNode root, JsonObject target)
    {
        var source = Pick(Nodes(root).OfType<JsonObject>().ToList());
        if (source == target || IsAncestor(source, target))
        {
            return;
        }

        SetKeyword(target, Pick(new[] { "items", "not", "additionalProperties", "contains", "if", "then" }), source.DeepClone());
    }

    private void AddWeirdProperty(JsonObject target)
    {
        var properties = target["properties"] as JsonObject ?? new JsonObject();
        target["properties"] = properties;
        var name = Pick(WeirdNames);
        properties[name] = RandomSchema(2);
        if (random.Next(2) == 0)
        {
            target["required"] = new JsonArray(JsonValue.Create(name));
        }

        target["type"] ??= "object";
        _log.Add("property " + Show(name) + " on " + target.GetPath());
    }

    private JsonNode WeirdEnum()
    {
        var values = new JsonArray();
        var count = random.Next(6);
        for (var i = 0; i < count; i++)
        {
            values.Add(random.Next(4) == 0 ? RandomValue(0) : JsonValue.Create(Pick(WeirdNames)));
        }

        return values;
    }

    private JsonNode RandomSchema(int depth)
        => random.Next(4) switch
        {
            0 => JsonValue.Create(random.Next(2) == 0),
            1 => new JsonObject { ["type"] = Pick(new[] { "string", "integer", "number", "boolean", "null", "object", "array" }) },
            2 when depth > 0 => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { [Pick(WeirdNames)] = RandomSchema(depth - 1) } },
            _ => new JsonObject { [Pick(Keywords)] = RandomValue(depth) },
        };

    private JsonNode? RandomValue(int depth)
    {
        switch (random.Next(depth > 0 ? 8 : 5))
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(2) == 0);
            case 2: return JsonNode.Parse(Pick(Numbers));
            case 3: return JsonValue.Create(Pick(WeirdStrings));
            case 4: return JsonValue.Create(Pick(WeirdNames));
            case 5: return new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(depth - 1)).ToArray());
            case 6: return RandomSchema(depth - 1);
            default: return new JsonObject();
        }
    }

    private static void Replace(JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
        }
    }

    private static bool IsAncestor(JsonNode candidate, JsonNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            if (n == candidate) return true;
        }

        return false;
    }

    /// <summary>The node's JSON pointer (RFC 6901), for <c>$ref</c> targets.</summary>
    private static string Pointer(JsonNode node)
    {
        var tokens = new List<string>();
        for (var n = node; n.Parent is not null; n = n.Parent)
        {
            tokens.Add(n.Parent is JsonArray ? n.GetElementIndex().ToString(System.Globalization.CultureInfo.InvariantCulture) : n.GetPropertyName().Replace("~", "~0").Replace("/", "~1"));
        }

        tokens.Reverse();
        return tokens.Count == 0 ? "" : "/" + string.Join("/", tokens);
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode root)
    {
        var stack = new Stack<JsonNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = node switch
            {
                JsonObject obj => obj.Select(p => p.Value),
                JsonArray array => array,
                _ => [],
            };
            foreach (var child in children.OfType<JsonNode>().Reverse())
            {
                stack.Push(child);
            }
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Show(string name) => System.Text.Json.JsonSerializer.Serialize(name.Length > 40 ? name[..40] + "…" : name);
}
