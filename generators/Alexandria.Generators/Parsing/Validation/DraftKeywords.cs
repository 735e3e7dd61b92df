using System.Collections.Generic;
using Alexandria.Generators.Json;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// Which keywords each draft defines. A keyword a resource's draft does not know is an unknown keyword there:
    /// it compiles to nothing (draft 4's <c>const</c>, draft 7's <c>dependentRequired</c>, 2019-09's
    /// <c>prefixItems</c>, 2020-12's <c>additionalItems</c>), as the official suite's cross-draft tests expect.
    /// </summary>
    internal static class DraftKeywords
    {
        private static readonly HashSet<string> SinceDraft6 = new HashSet<string> { "const", "contains", "propertyNames" };

        private static readonly HashSet<string> SinceDraft7 = new HashSet<string> { "if", "then", "else" };

        private static readonly HashSet<string> Since201909 = new HashSet<string>
        {
            "$anchor", "dependentRequired", "dependentSchemas", "unevaluatedItems", "unevaluatedProperties", "minContains", "maxContains",
        };

        private static readonly HashSet<string> Only201909 = new HashSet<string> { "$recursiveRef", "$recursiveAnchor" };

        private static readonly HashSet<string> Since202012 = new HashSet<string> { "prefixItems", "$dynamicRef", "$dynamicAnchor" };

        private static readonly HashSet<string> Before202012 = new HashSet<string> { "additionalItems" };

        public static bool Has(SchemaDraft draft, string keyword)
        {
            if (SinceDraft6.Contains(keyword))
            {
                return draft >= SchemaDraft.Draft6;
            }

            if (SinceDraft7.Contains(keyword))
            {
                return draft >= SchemaDraft.Draft7;
            }

            if (Since201909.Contains(keyword))
            {
                return draft >= SchemaDraft.Draft201909;
            }

            if (Only201909.Contains(keyword))
            {
                return draft == SchemaDraft.Draft201909;
            }

            if (Since202012.Contains(keyword))
            {
                return draft >= SchemaDraft.Draft202012;
            }

            return !Before202012.Contains(keyword) || draft < SchemaDraft.Draft202012;
        }
    }

    /// <summary>A schema object seen through its draft: keywords the draft does not define read as absent.</summary>
    internal readonly struct DraftObject
    {
        public DraftObject(JsonObject obj, SchemaDraft draft)
        {
            Object = obj;
            Draft = draft;
        }

        public JsonObject Object { get; }

        public SchemaDraft Draft { get; }

        public JsonNode? this[string name] => DraftKeywords.Has(Draft, name) ? Object[name] : null;

        public bool TryGet(string name, out JsonNode value)
        {
            value = null!;
            return DraftKeywords.Has(Draft, name) && Object.TryGet(name, out value);
        }

        public JsonProperty? GetProperty(string name) => DraftKeywords.Has(Draft, name) ? Object.GetProperty(name) : null;

        public string? GetString(string name) => this[name] is JsonString s ? s.Value : null;

        /// <summary>The same draft with no keywords: what a vocabulary the meta-schema turned off reads as.</summary>
        public DraftObject WithoutKeywords() => new DraftObject(NoKeywords, Draft);

        private static readonly JsonObject NoKeywords = new JsonObject(0, 0, System.Array.Empty<JsonProperty>());
    }
}
