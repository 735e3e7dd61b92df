using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;
using Alexandria.Generators.Parsing.Validation;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Reports ALX0102 for each keyword that is neither standard nor an <c>x-</c> extension, at the keyword's
    /// name. Only the types area reports it (the validator area does not), so each keyword is reported once.
    /// Walks only subschema positions: values of <c>default</c>, <c>const</c>, <c>examples</c> are data. Keywords of
    /// the contract's draft that validators honour (<c>dependencies</c>, <c>additionalItems</c>, draft 4's <c>id</c>…) are not reported.
    /// </summary>
    internal static class UnsupportedKeywordScanner
    {
        public static void Scan(ContractDocument document, List<DiagnosticInfo> diagnostics)
            => Visit(document, document.Root, DraftOf(document), diagnostics);

        /// <summary>The contract's draft as the validators see it at its root: <c>$schema</c>, else <c>AlexandriaSchemaDraft</c>, else 2020-12.</summary>
        internal static SchemaDraft DraftOf(ContractDocument document)
            => (document.Root is JsonObject root && root.GetString("$schema") is string meta ? SchemaDrafts.FromMetaschemaUri(meta) : null)
               ?? SchemaDrafts.FromOption(document.File.SchemaDraft)
               ?? SchemaDrafts.Default;

        private static void Visit(ContractDocument document, JsonNode node, SchemaDraft draft, List<DiagnosticInfo> diagnostics)
            => SubschemaWalk.Visit(node, keyword => IsSupported(draft, keyword), schema =>
            {
                foreach (var keyword in schema.Properties)
                {
                    if (!IsSupported(draft, keyword.Name))
                    {
                        diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.UnsupportedKeyword, keyword, keyword.Name));
                    }
                }
            });

        private static bool IsSupported(SchemaDraft draft, string keyword)
            => StandardKeywords.IsKnown(draft, keyword) || StandardKeywords.IsExtension(keyword);
    }
}
