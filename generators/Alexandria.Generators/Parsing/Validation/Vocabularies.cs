using System;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// The vocabularies a schema resource uses (2020-12's, 2019-09's mapped onto them), read from its meta-schema's
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

        /// <summary>What the standard meta-schemas declare (format is an annotation); drafts 4 to 7 have no vocabularies and mean this too.</summary>
        Standard = Core | Applicator | Unevaluated | Validation | FormatAnnotation | Content | MetaData,
    }

    internal static class VocabularyUris
    {
        private const string Prefix = "https://json-schema.org/draft/2020-12/vocab/";
        private const string Prefix201909 = "https://json-schema.org/draft/2019-09/vocab/";

        /// <summary>The vocabulary a <c>$vocabulary</c> key names (2020-12 or 2019-09), or <see cref="Vocabularies.None"/> if Alexandria does not know it.</summary>
        public static Vocabularies Parse(string uri)
        {
            if (uri.StartsWith(Prefix201909, StringComparison.Ordinal))
            {
                // 2019-09 had no separate unevaluated vocabulary (its applicator held those keywords) and one
                // "format" vocabulary, an annotation unless configured otherwise.
                switch (uri.Substring(Prefix201909.Length))
                {
                    case "core": return Vocabularies.Core;
                    case "applicator": return Vocabularies.Applicator | Vocabularies.Unevaluated;
                    case "validation": return Vocabularies.Validation;
                    case "format": return Vocabularies.FormatAnnotation;
                    case "content": return Vocabularies.Content;
                    case "meta-data": return Vocabularies.MetaData;
                    default: return Vocabularies.None;
                }
            }

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
