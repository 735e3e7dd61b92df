using System.Collections.Generic;

namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>The outcome of converting one output schema for one provider: the schema, or why there is none.</summary>
    internal sealed class StrictConversion
    {
        public StrictConversion(ExportObject? schema, IReadOnlyList<StrictFallbackSite> fallbacks)
        {
            Schema = schema;
            Fallbacks = fallbacks;
        }

        /// <summary>The provider schema (root object with its <c>$defs</c>); null when the provider cannot express the contract.</summary>
        public ExportObject? Schema { get; }

        public IReadOnlyList<StrictFallbackSite> Fallbacks { get; }
    }
}
