using Alexandria.Generators.Parsing;

namespace Alexandria.Generators.Model
{
    /// <summary>A contract file, parsed, with its detected kind and the diagnostics from reading it as JSON.</summary>
    /// <param name="DefinesSchemas">An OpenAPI document with schemas that become types (its schema view has definitions).</param>
    internal sealed record ClassifiedContract(ParsedContract Contract, ContractKind Kind, EquatableArray<DiagnosticInfo> Diagnostics, bool DefinesSchemas = false)
    {
        public ContractFile File => Contract.File;
    }
}
