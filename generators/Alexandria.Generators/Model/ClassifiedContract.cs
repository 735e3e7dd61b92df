namespace Alexandria.Generators.Model
{
    /// <summary>A contract file with its detected kind and the diagnostics from reading it as JSON.</summary>
    internal sealed record ClassifiedContract(ContractFile File, ContractKind Kind, EquatableArray<DiagnosticInfo> Diagnostics);
}
