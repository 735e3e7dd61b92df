namespace Alexandria.Generators.Model.Validation
{
    /// <summary>
    /// Everything the validator emitter needs for one schema file: the public validator classes and
    /// the compiled subschemas they share. Each subschema reached from an entry (through applicators,
    /// <c>$ref</c> or <c>$dynamicRef</c>, in this file or in a referenced document) becomes one
    /// <see cref="SchemaMethodModel"/>, so recursive schemas are methods calling each other.
    /// </summary>
    /// <param name="FileName">The contract file's name, for headers and hint names.</param>
    /// <param name="Namespace">The namespace the validator classes go in.</param>
    /// <param name="CompiledClassName">The internal class (in the validation namespace) holding the compiled subschemas.</param>
    /// <param name="AssertFormatsByDefault">Whether <c>format</c> is an assertion unless <c>ValidationOptions</c> says otherwise.</param>
    internal sealed record ValidatorModel(
        string FileName,
        string Namespace,
        string CompiledClassName,
        bool AssertFormatsByDefault,
        EquatableArray<ValidatorEntryModel> Entries,
        EquatableArray<SchemaMethodModel> Methods,
        EquatableArray<string> Patterns,
        EquatableArray<ConstantModel> Constants,
        EquatableArray<DynamicAnchorModel> DynamicAnchors,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public static ValidatorModel Empty(ContractFile file, EquatableArray<DiagnosticInfo> diagnostics)
            => new ValidatorModel(
                file.FileName,
                file.Namespace,
                "",
                false,
                EquatableArray<ValidatorEntryModel>.Empty,
                EquatableArray<SchemaMethodModel>.Empty,
                EquatableArray<string>.Empty,
                EquatableArray<ConstantModel>.Empty,
                EquatableArray<DynamicAnchorModel>.Empty,
                diagnostics);

        public ValidatorModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };
    }
}
