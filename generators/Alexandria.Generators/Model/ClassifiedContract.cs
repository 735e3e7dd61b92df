namespace Alexandria.Generators.Model
{
    /// <summary>A contract file with its detected kind and the diagnostics from reading it as JSON.</summary>
    /// <param name="DefinesSchemas">An OpenAPI document with schemas that become types (its schema view has definitions).</param>
    internal sealed record ClassifiedContract(ContractFile File, ContractKind Kind, EquatableArray<DiagnosticInfo> Diagnostics, bool DefinesSchemas = false);
}
