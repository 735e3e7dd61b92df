using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alexandria.Agents.Providers;

namespace Alexandria.Providers.Tests.Infrastructure;

/// <summary>
/// Hand-written provider forms of the plan_payload schema (the generator's export lands on another branch): OpenAI
/// strict (optional members required and nullable, pattern and bounds kept), Anthropic (optional members allowed,
/// no length bounds), Ollama (the contract's own keywords).
/// </summary>
internal static class Schemas
{
    private const string Step = "{\"type\":\"object\",\"properties\":{\"step_id\":{\"type\":\"integer\",\"minimum\":0},\"description\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":1000},\"status\":{\"type\":\"string\",\"enum\":[\"pending\",\"in_progress\",\"done\",\"blocked\"]}},\"required\":[\"step_id\",\"description\",\"status\"],\"additionalProperties\":false}";

    private const string Overrides = "[\"change_tool\",\"change_arguments\",\"ask_for_context\",\"replan\",\"abort_run\"]";

    public const string OpenAiStrict = "{\"type\":\"object\",\"properties\":{\"objective\":{\"type\":[\"string\",\"null\"],\"minLength\":1,\"maxLength\":4000},\"steps\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/plan_step\"},\"minItems\":1,\"maxItems\":100},\"chosen_override\":{\"anyOf\":[{\"type\":\"string\",\"enum\":" + Overrides + "},{\"type\":\"null\"}]}},\"required\":[\"objective\",\"steps\",\"chosen_override\"],\"additionalProperties\":false,\"$defs\":{\"plan_step\":" + Step + "}}";

    public const string Anthropic = "{\"type\":\"object\",\"properties\":{\"objective\":{\"type\":\"string\",\"pattern\":\"^\\\\S.*$\"},\"steps\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"step_id\":{\"type\":\"integer\"},\"description\":{\"type\":\"string\"},\"status\":{\"type\":\"string\",\"enum\":[\"pending\",\"in_progress\",\"done\",\"blocked\"]}},\"required\":[\"step_id\",\"description\",\"status\"],\"additionalProperties\":false},\"minItems\":1},\"chosen_override\":{\"type\":\"string\",\"enum\":" + Overrides + "}},\"required\":[\"steps\"],\"additionalProperties\":false}";

    public const string Ollama = "{\"type\":\"object\",\"properties\":{\"objective\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":4000},\"steps\":{\"type\":\"array\",\"items\":" + Step + ",\"minItems\":1,\"maxItems\":100},\"chosen_override\":{\"type\":\"string\",\"enum\":" + Overrides + "}},\"required\":[\"steps\"],\"additionalProperties\":false}";

    public static ProviderOutputSchema Plan { get; } = new("plan_payload", OpenAiStrict, Anthropic, Ollama, Array.Empty<string>(), DropNullMembers);

    /// <summary>A catalog with <see cref="Plan"/> for the planner and nothing (JSON mode) for the executor, whose arguments are an open object.</summary>
    public static IOutputSchemaCatalog PlannerOnly { get; } = new Catalog(new Dictionary<string, ProviderOutputSchema> { ["planner"] = Plan });

    /// <summary>The strict-mode reply mapping for plan_payload: the optional members strict mode sends as null become absent.</summary>
    public static byte[] DropNullMembers(ReadOnlyMemory<byte> reply)
    {
        var node = JsonNode.Parse(reply.Span) as JsonObject ?? throw new JsonException("not an object");
        foreach (var name in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(name);
        }

        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    private sealed class Catalog(IReadOnlyDictionary<string, ProviderOutputSchema> schemas) : IOutputSchemaCatalog
    {
        public ProviderOutputSchema? For(string promptId) => schemas.GetValueOrDefault(promptId);
    }
}
