using System.Collections.Generic;
using Alexandria.Generators.Diagnostics;
using Alexandria.Generators.Json;
using Alexandria.Generators.Model;

namespace Alexandria.Generators.Parsing.Schema
{
    /// <summary>
    /// Reports ALX0102 for each keyword that is neither standard nor an <c>x-</c> extension, at the keyword's
    /// name. Only the types area reports it (the validator area does not), so each keyword is reported once.
    /// Walks only subschema positions: values of <c>default</c>, <c>const</c>, <c>examples</c> are data.
    /// </summary>
    internal static class UnsupportedKeywordScanner
    {
        public static void Scan(ContractDocument document, List<DiagnosticInfo> diagnostics)
            => Visit(document, document.Root, diagnostics);

        private static void Visit(ContractDocument document, JsonNode node, List<DiagnosticInfo> diagnostics)
        {
            if (node is not JsonObject schema)
            {
                return;
            }

            foreach (var keyword in schema.Properties)
            {
                if (!StandardKeywords.All.Contains(keyword.Name) && !StandardKeywords.IsExtension(keyword.Name))
                {
                    diagnostics.Add(document.Diagnostic(DiagnosticDescriptors.UnsupportedKeyword, keyword, keyword.Name));
                    continue;
                }

                if (StandardKeywords.SingleSchema.Contains(keyword.Name))
                {
                    Visit(document, keyword.Value, diagnostics);
                }
                else if (StandardKeywords.SchemaArray.Contains(keyword.Name) && keyword.Value is JsonArray array)
                {
                    foreach (var item in array.Items)
                    {
                        Visit(document, item, diagnostics);
                    }
                }
                else if (StandardKeywords.SchemaMap.Contains(keyword.Name) && keyword.Value is JsonObject map)
                {
                    foreach (var entry in map.Properties)
                    {
                        Visit(document, entry.Value, diagnostics);
                    }
                }
            }
        }
    }
}
