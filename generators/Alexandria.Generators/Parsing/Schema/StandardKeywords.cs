using System.Collections.Generic;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// The JSON Schema 2020-12 vocabulary (plus the OpenAPI annotations found in shared schemas, and the older
    /// drafts' keywords of <see cref="IsDraftKeyword"/>) and where each keyword holds subschemas. Anything outside
    /// them that is not an <c>x-</c> extension is ALX0102.
    /// </summary>
    internal static class StandardKeywords
    {
        public static readonly HashSet<string> All = new HashSet<string>
        {
            "$schema", "$id", "$ref", "$defs", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$comment",
            "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
            "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
            "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
            "maxProperties", "minProperties", "required", "dependentRequired",
            "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedProperties",
            "items", "prefixItems", "contains", "unevaluatedItems",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas",
            "format", "contentEncoding", "contentMediaType", "contentSchema",
            "discriminator", "xml", "externalDocs", "example", "nullable",
        };

        /// <summary>Keywords whose value is one subschema.</summary>
        public static readonly HashSet<string> SingleSchema = new HashSet<string>
        {
            "items", "additionalItems", "contains", "additionalProperties", "unevaluatedProperties", "unevaluatedItems",
            "propertyNames", "not", "if", "then", "else", "contentSchema",
        };

        /// <summary>Keywords whose value is an array of subschemas.</summary>
        public static readonly HashSet<string> SchemaArray = new HashSet<string> { "prefixItems", "allOf", "anyOf", "oneOf", "items" };

        /// <summary>Keywords whose value is an object of named subschemas.</summary>
        public static readonly HashSet<string> SchemaMap = new HashSet<string> { "$defs", "properties", "patternProperties", "dependentSchemas", "definitions", "dependencies" };

        /// <summary>
        /// Keywords of older drafts the validators honour (see <see cref="DraftKeywords"/>):
        /// <c>definitions</c> and <c>dependencies</c> in every draft (both still common in contracts),
        /// <c>additionalItems</c> before 2020-12, <c>id</c> in draft 4, <c>$recursiveRef</c>/<c>$recursiveAnchor</c> in 2019-09.
        /// </summary>
        public static bool IsDraftKeyword(SchemaDraft draft, string keyword)
        {
            switch (keyword)
            {
                case "definitions":
                case "dependencies":
                    return true;
                case "id":
                    return draft == SchemaDraft.Draft4;
                case "additionalItems":
                case "$recursiveRef":
                case "$recursiveAnchor":
                    return DraftKeywords.Has(draft, keyword);
                default:
                    return false;
            }
        }

        /// <summary>Whether the contract's draft gives <paramref name="keyword"/> a meaning (2020-12's own keywords only from the draft that introduced them).</summary>
        public static bool IsKnown(SchemaDraft draft, string keyword)
            => (All.Contains(keyword) && DraftKeywords.Has(draft, keyword)) || IsDraftKeyword(draft, keyword);

        public static bool IsExtension(string keyword) => keyword.StartsWith("x-", System.StringComparison.Ordinal);
    }
}
