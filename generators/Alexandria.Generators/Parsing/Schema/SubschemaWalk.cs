using System;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Visits a schema and every subschema under it (by <see cref="StandardKeywords"/>' subschema positions), so
    /// the scanners that check keywords agree on what a subschema is: values of <c>default</c>, <c>const</c>,
    /// <c>examples</c> are data and never visited. Recursion is bounded by the JSON parser's nesting limit.
    /// </summary>
    internal static class SubschemaWalk
    {
        /// <param name="descend">Whether to look for subschemas under a keyword of the schema being visited.</param>
        public static void Visit(JsonNode node, Func<string, bool> descend, Action<JsonObject> visit)
        {
            if (node is not JsonObject schema)
            {
                return;
            }

            visit(schema);
            foreach (var keyword in schema.Properties)
            {
                if (!descend(keyword.Name))
                {
                    continue;
                }

                if (StandardKeywords.SchemaArray.Contains(keyword.Name) && keyword.Value is JsonArray array)
                {
                    foreach (var item in array.Items)
                    {
                        Visit(item, descend, visit);
                    }
                }
                else if (StandardKeywords.SingleSchema.Contains(keyword.Name))
                {
                    Visit(keyword.Value, descend, visit);
                }
                else if (StandardKeywords.SchemaMap.Contains(keyword.Name) && keyword.Value is JsonObject map)
                {
                    foreach (var entry in map.Properties)
                    {
                        Visit(entry.Value, descend, visit);
                    }
                }
            }
        }
    }
}
