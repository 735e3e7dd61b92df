using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alexandria.OpenApi.Bundling;

/// <summary>
/// Spells out the <c>type</c> a <c>const</c> already implies. The contracts write a discriminator member as
/// <c>{"const": "HANDOFF_PACKET"}</c>, which is exact JSON Schema; OpenAPI generators look for <c>type</c> and,
/// without it, type the member as an untyped node (Kiota: <c>UntypedNode PacketType</c>). A schema whose only
/// valid value is a string is a string schema, so adding <c>"type": "string"</c> changes what no validator
/// accepts. Schemas that already have a <c>type</c> are left alone.
/// </summary>
internal static class ConstTypes
{
    public static void Add(JsonObject bundle)
    {
        foreach (var (schema, _) in DescriptionWalker.KeywordObjects(bundle))
        {
            if (schema.TryGetPropertyValue("const", out var constant) && !schema.ContainsKey("type") && TypeOf(constant) is { } type)
            {
                schema["type"] = type;
            }
        }
    }

    private static string? TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.GetValue<double>() % 1 == 0 ? "integer" : "number",
            _ => null,
        },
        _ => null,
    };
}
