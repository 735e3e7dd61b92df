namespace Alexandria.Testing;

/// <summary>
/// The small synthetic schema the generator's scaling is measured with (one <c>$defs</c> object, five properties, an
/// inline enum): one source for the benchmark and the allocation budget test, so the budget checks what the table shows.
/// </summary>
internal static class SyntheticScalingSchema
{
    public static string Text(int i) => $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://example.com/synthetic_{{i}}.json",
          "$defs": {
            "item_{{i}}": {
              "type": "object",
              "properties": {
                "id": { "type": "string", "format": "uuid" },
                "name": { "type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-z][a-z0-9_]*$" },
                "count": { "type": "integer", "minimum": 0 },
                "status": { "type": "string", "enum": ["open", "closed"] },
                "tags": { "type": "array", "items": { "type": "string" }, "maxItems": 10 }
              },
              "required": ["id", "name", "count", "status"],
              "additionalProperties": false
            }
          }
        }
        """;
}
