using System.Collections.Generic;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// The JSON Schema 2020-12 vocabulary (plus the OpenAPI annotations found in shared schemas) and where
    /// each keyword holds subschemas. Anything outside it that is not an <c>x-</c> extension is ALX0102.
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
            "items", "contains", "additionalProperties", "unevaluatedProperties", "unevaluatedItems",
            "propertyNames", "not", "if", "then", "else", "contentSchema",
        };

        /// <summary>Keywords whose value is an array of subschemas.</summary>
        public static readonly HashSet<string> SchemaArray = new HashSet<string> { "prefixItems", "allOf", "anyOf", "oneOf" };

        /// <summary>Keywords whose value is an object of named subschemas.</summary>
        public static readonly HashSet<string> SchemaMap = new HashSet<string> { "$defs", "properties", "patternProperties", "dependentSchemas" };

        public static bool IsExtension(string keyword) => keyword.StartsWith("x-", System.StringComparison.Ordinal);
    }
}
