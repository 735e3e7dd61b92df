using System;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// The draft 2020-12 vocabularies a schema resource uses, read from its meta-schema's
    /// <c>$vocabulary</c>. A keyword whose vocabulary is off is an annotation and compiles to nothing.
    /// </summary>
    [Flags]
    internal enum Vocabularies
    {
        None = 0,
        Core = 1,
        Applicator = 2,
        Unevaluated = 4,
        Validation = 8,
        FormatAnnotation = 16,
        FormatAssertion = 32,
        Content = 64,
        MetaData = 128,

        /// <summary>What the standard 2020-12 meta-schema declares (format is an annotation).</summary>
        Standard = Core | Applicator | Unevaluated | Validation | FormatAnnotation | Content | MetaData,
    }

    internal static class VocabularyUris
    {
        public const string StandardMetaschema = "https://json-schema.org/draft/2020-12/schema";
        private const string Prefix = "https://json-schema.org/draft/2020-12/vocab/";

        /// <summary>The vocabulary a <c>$vocabulary</c> key names, or <see cref="Vocabularies.None"/> if Alexandria does not know it.</summary>
        public static Vocabularies Parse(string uri)
        {
            if (!uri.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return Vocabularies.None;
            }

            switch (uri.Substring(Prefix.Length))
            {
                case "core": return Vocabularies.Core;
                case "applicator": return Vocabularies.Applicator;
                case "unevaluated": return Vocabularies.Unevaluated;
                case "validation": return Vocabularies.Validation;
                case "format-annotation": return Vocabularies.FormatAnnotation;
                case "format-assertion": return Vocabularies.FormatAssertion;
                case "content": return Vocabularies.Content;
                case "meta-data": return Vocabularies.MetaData;
                default: return Vocabularies.None;
            }
        }
    }
}
