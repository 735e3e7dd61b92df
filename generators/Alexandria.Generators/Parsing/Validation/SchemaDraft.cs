using System;

namespace Alexandria.Generators.Parsing.Validation
{
    /// <summary>
    /// The JSON Schema drafts Alexandria compiles. Each schema resource has one, from its <c>$schema</c>
    /// (or its meta-schema's), else its parent's, else the file's <c>AlexandriaSchemaDraft</c>, else 2020-12.
    /// Ordered by age, so "before 2019-09" is <c>draft &lt; SchemaDraft.Draft201909</c>.
    /// </summary>
    internal enum SchemaDraft
    {
        Draft4,
        Draft6,
        Draft7,
        Draft201909,
        Draft202012,
    }

    internal static class SchemaDrafts
    {
        /// <summary>The draft of a document that declares none and whose file sets no <c>AlexandriaSchemaDraft</c>.</summary>
        public const SchemaDraft Default = SchemaDraft.Draft202012;

        /// <summary>What <c>AlexandriaSchemaDraft</c> accepts, as the diagnostics list it.</summary>
        public const string OptionValues = "draft-04, draft-06, draft-07, 2019-09, 2020-12";

        /// <summary>The draft whose meta-schema <paramref name="uri"/> (a resolved <c>$schema</c>) is, if it is one of the five.</summary>
        public static SchemaDraft? FromMetaschemaUri(string uri)
        {
            var absolute = SchemaUri.WithoutFragment(uri, out var fragment);
            if (!string.IsNullOrEmpty(fragment))
            {
                return null;
            }

            // The old drafts were published over http; https is accepted too, as many documents write it.
            var trimmed = absolute.StartsWith("https://", StringComparison.Ordinal) ? "http://" + absolute.Substring(8) : absolute;
            switch (trimmed)
            {
                case "http://json-schema.org/draft-04/schema": return SchemaDraft.Draft4;
                case "http://json-schema.org/draft-06/schema": return SchemaDraft.Draft6;
                case "http://json-schema.org/draft-07/schema": return SchemaDraft.Draft7;
                case "http://json-schema.org/draft/2019-09/schema": return SchemaDraft.Draft201909;
                case "http://json-schema.org/draft/2020-12/schema": return SchemaDraft.Draft202012;
                default: return null;
            }
        }

        /// <summary>The draft an <c>AlexandriaSchemaDraft</c> value names (<c>draft-07</c>, <c>7</c>, <c>2019-09</c>…), or null.</summary>
        public static SchemaDraft? FromOption(string value)
        {
            var v = value.Trim().ToLowerInvariant();
            if (v.StartsWith("draft", StringComparison.Ordinal))
            {
                v = v.Substring(5).TrimStart('-', ' ');
            }

            switch (v)
            {
                case "4": case "04": return SchemaDraft.Draft4;
                case "6": case "06": return SchemaDraft.Draft6;
                case "7": case "07": return SchemaDraft.Draft7;
                case "2019-09": case "201909": return SchemaDraft.Draft201909;
                case "2020-12": case "202012": return SchemaDraft.Draft202012;
                default: return null;
            }
        }

        /// <summary>Whether the draft identifies resources with <c>id</c> (draft 4) rather than <c>$id</c>.</summary>
        public static string IdKeyword(SchemaDraft draft) => draft == SchemaDraft.Draft4 ? "id" : "$id";

        /// <summary>Before 2019-09 a <c>$ref</c> replaces its whole schema object: siblings (even <c>$id</c>) are ignored.</summary>
        public static bool RefIgnoresSiblings(SchemaDraft draft) => draft < SchemaDraft.Draft201909;

        /// <summary>Before 2019-09 <c>items</c> may be an array (a tuple) followed by <c>additionalItems</c>; 2020-12 has <c>prefixItems</c>.</summary>
        public static bool HasArrayItems(SchemaDraft draft) => draft < SchemaDraft.Draft202012;
    }
}
