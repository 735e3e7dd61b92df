using System.Collections.Generic;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// Which draft 2020-12 keywords hold subschemas, and in what shape. Only these are walked as
    /// schemas: a <c>$id</c> inside <c>const</c>, <c>enum</c> or an unknown keyword is data, not an identifier.
    /// </summary>
    internal static class SchemaKeywords
    {
        public static readonly HashSet<string> Single = new HashSet<string>
        {
            "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
            "unevaluatedItems", "unevaluatedProperties", "contentSchema",
        };

        public static readonly HashSet<string> Arrays = new HashSet<string> { "allOf", "anyOf", "oneOf", "prefixItems" };

        public static readonly HashSet<string> Maps = new HashSet<string> { "$defs", "properties", "patternProperties", "dependentSchemas", "dependencies" };
    }
}
