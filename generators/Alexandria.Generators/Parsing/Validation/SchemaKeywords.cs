using System.Collections.Generic;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// Which keywords hold subschemas, and in what shape, in each draft. Only these are walked as
    /// schemas: a <c>$id</c> inside <c>const</c>, <c>enum</c> or an unknown keyword is data, not an identifier.
    /// </summary>
    internal static class SchemaKeywords
    {
        public static readonly HashSet<string> Single = new HashSet<string>
        {
            "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
            "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems",
        };

        public static readonly HashSet<string> Arrays = new HashSet<string> { "allOf", "anyOf", "oneOf", "prefixItems" };

        public static readonly HashSet<string> Maps = new HashSet<string> { "$defs", "properties", "patternProperties", "dependentSchemas", "dependencies" };

        /// <summary>An array of subschemas; before 2020-12 <c>items</c> may be one too (a tuple).</summary>
        public static bool IsSchemaArray(SchemaDraft draft, string keyword)
            => Arrays.Contains(keyword) || (keyword == "items" && SchemaDrafts.HasArrayItems(draft));

        /// <summary>A map of named subschemas; before 2020-12 <c>definitions</c> is the <c>$defs</c> of the day.</summary>
        public static bool IsSchemaMap(SchemaDraft draft, string keyword)
            => Maps.Contains(keyword) || (keyword == "definitions" && draft < SchemaDraft.Draft202012);
    }
}
