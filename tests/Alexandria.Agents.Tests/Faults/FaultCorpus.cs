using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alexandria.Agents.Tests.Faults;

/// <summary>A malformed model reply: which prompt sent it, what is wrong with it, and whether extraction alone recovers it.</summary>
internal sealed record FaultCase(string Prompt, string Definition, string Kind, string Reply, bool RecoverableWithoutRepair)
{
    public override string ToString() => $"{Prompt}/{Kind}: {Reply[..Math.Min(80, Reply.Length)]}";
}

/// <summary>
/// Generates malformed replies from the contracts: for each model prompt's output schema, a valid instance is walked
/// with its schema (read from contracts/output_schema.json) and broken in every way models really break it —
/// a missing required member, a wrong type, an extra member where additionalProperties is false, a wrong enum value,
/// truncation, trailing commas, prose and fences around the JSON — each schema fault also wrapped in prose, in a fence and with a trailing comma.
/// </summary>
internal static class FaultCorpus
{
    /// <summary>The valid reply each prompt is broken from (and what its repair sends back).</summary>
    public static readonly IReadOnlyDictionary<string, (string Definition, string Valid)> Prompts = new Dictionary<string, (string, string)>
    {
        ["planner"] = ("plan_payload", """{"objective":"Find when compaction fires.","steps":[{"step_id":1,"description":"Search for compaction.","status":"in_progress"},{"step_id":2,"description":"Answer with evidence.","status":"pending"}]}"""),
        ["executor"] = ("act_payload", """{"tool_name":"search","arguments":{"query":"compaction"},"call_id":"call-0001"}"""),
    };

    public static IReadOnlyList<FaultCase> Generate(string outputSchemaPath)
    {
        var defs = JsonNode.Parse(File.ReadAllText(outputSchemaPath))!["$defs"]!.AsObject();
        var cases = new List<FaultCase>();
        foreach (var (prompt, (definition, valid)) in Prompts)
        {
            var schemaFaults = new List<(string Kind, string Json)>();
            Walk(defs, defs[definition]!, JsonNode.Parse(valid)!, JsonNode.Parse(valid)!, "", schemaFaults);
            foreach (var (kind, json) in schemaFaults)
            {
                cases.Add(new FaultCase(prompt, definition, kind, json, false));
                cases.Add(new FaultCase(prompt, definition, kind + "+prose", "Here is my answer:\n" + json + "\nHope this helps.", false));
                cases.Add(new FaultCase(prompt, definition, kind + "+fence", "```json\n" + json + "\n```", false));
                cases.Add(new FaultCase(prompt, definition, kind + "+trailing_comma", json[..^1] + ",}", false));
            }

            for (var cut = 1; cut <= 30; cut++)
            {
                var at = (int)(valid.Length * cut / 31.0);
                cases.Add(new FaultCase(prompt, definition, "truncated@" + at, valid[..at], false));
            }

            cases.Add(new FaultCase(prompt, definition, "empty", "", false));
            cases.Add(new FaultCase(prompt, definition, "single_quotes", valid.Replace('"', '\''), false));
            cases.Add(new FaultCase(prompt, definition, "comment_inside", valid.Insert(1, "// the plan\n"), false));
            cases.Add(new FaultCase(prompt, definition, "python_literals", valid[..^1] + ",\"note\":None}", false));
            cases.Add(new FaultCase(prompt, definition, "refusal", "I'm sorry, I can't help with that.", false));
            // The object inside an array is still the one object the prompt asked for.
            cases.Add(new FaultCase(prompt, definition, "array_wrapped", "[" + valid + "]", true));

            var closers = valid.Select((c, i) => (c, i)).Where(p => p.c is '}' or ']').Select(p => p.i).ToList();
            foreach (var at in closers)
            {
                cases.Add(new FaultCase(prompt, definition, "trailing_comma@" + at, valid[..at] + "," + valid[at..], true));
            }

            cases.Add(new FaultCase(prompt, definition, "trailing_commas_everywhere", string.Concat(valid.Select(c => c is '}' or ']' ? "," + c : c.ToString())).Replace("[,]", "[]").Replace("{,}", "{}"), true));
            foreach (var (kind, wrapped) in Wrappers(valid))
            {
                cases.Add(new FaultCase(prompt, definition, kind, wrapped, true));
            }
        }

        return cases;
    }

    private static IEnumerable<(string Kind, string Reply)> Wrappers(string json)
    {
        yield return ("prose_before", "Sure. Here is the JSON you asked for: " + json);
        yield return ("prose_after", json + "\n\nLet me know if anything else is needed.");
        yield return ("prose_both", "Thinking about it...\n" + json + "\nDone.");
        yield return ("prose_with_braces", "I will use the {query} argument as {instructed}.\n" + json);
        yield return ("fence_json", "```json\n" + json + "\n```");
        yield return ("fence_plain", "```\n" + json + "\n```");
        yield return ("fence_with_prose", "Here it is:\n```json\n" + json + "\n```\nThat is all.");
        yield return ("indented", JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Every schema fault of <paramref name="node"/> at <paramref name="pointer"/>, as the whole reply with that one fault.</summary>
    private static void Walk(JsonObject defs, JsonNode schema, JsonNode root, JsonNode node, string pointer, List<(string, string)> faults)
    {
        schema = Resolve(defs, schema);
        var type = schema["type"]?.ToString();
        if (schema["enum"] is JsonArray)
        {
            faults.Add(("wrong_enum" + pointer, Replace(root, pointer, JsonValue.Create("not_" + node.ToString()))));
        }

        if (schema["pattern"] is not null)
        {
            faults.Add(("pattern_violation" + pointer, Replace(root, pointer, JsonValue.Create("Not A Match!"))));
        }

        if (schema["minLength"] is JsonValue minLength && minLength.GetValue<int>() > 0)
        {
            faults.Add(("too_short" + pointer, Replace(root, pointer, JsonValue.Create(""))));
        }

        if (type == "object" && node is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray().Select(r => r!.ToString()) ?? Enumerable.Empty<string>())
            {
                if (obj.ContainsKey(required))
                {
                    faults.Add(("missing_required" + pointer + "/" + required, Remove(root, pointer + "/" + required)));
                }
            }

            if (schema["additionalProperties"] is JsonValue closed && closed.GetValue<bool>() == false)
            {
                faults.Add(("extra_member" + pointer, Replace(root, pointer + "/unexpected_member", JsonValue.Create("surprise"))));
            }

            foreach (var (name, value) in obj.ToList())
            {
                var propertySchema = schema["properties"]?[name];
                if (propertySchema is null || value is null)
                {
                    continue;
                }

                faults.Add(("wrong_type" + pointer + "/" + name, Replace(root, pointer + "/" + name, WrongType(Resolve(defs, propertySchema)))));
                Walk(defs, propertySchema, root, value, pointer + "/" + name, faults);
            }
        }
        else if (type == "array" && node is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(defs, items, root, array[i]!, pointer + "/" + i, faults);
            }
        }
    }

    private static JsonNode Resolve(JsonObject defs, JsonNode schema)
        => schema["$ref"]?.ToString() is { } reference ? Resolve(defs, defs[reference["#/$defs/".Length..]]!) : schema;

    private static JsonNode WrongType(JsonNode schema) => schema["type"]?.ToString() switch
    {
        "string" => JsonValue.Create(12345),
        "integer" or "number" => JsonValue.Create("seven"),
        "array" => new JsonObject(),
        "object" => new JsonArray(),
        "boolean" => JsonValue.Create("yes"),
        _ => JsonValue.Create(42), // an enum of strings
    };

    private static string Replace(JsonNode root, string pointer, JsonNode value)
    {
        var copy = root.DeepClone();
        var (parent, last) = Parent(copy, pointer);
        if (parent is JsonObject obj)
        {
            obj[last] = value;
        }
        else
        {
            parent.AsArray()[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }

        return copy.ToJsonString();
    }

    private static string Remove(JsonNode root, string pointer)
    {
        var copy = root.DeepClone();
        var (parent, last) = Parent(copy, pointer);
        parent.AsObject().Remove(last);
        return copy.ToJsonString();
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string pointer)
    {
        var parts = pointer.Split('/').Skip(1).ToList();
        var node = root;
        foreach (var part in parts.Take(parts.Count - 1))
        {
            node = node is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        }

        return (node, parts[^1]);
    }
}
