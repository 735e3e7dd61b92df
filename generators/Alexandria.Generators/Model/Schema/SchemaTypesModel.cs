namespace Alexandria.Generators.Model.Schema
{
    /// <summary>
    /// Everything the types area emits for one JSON Schema file: the declarations, what other files may
    /// reference, and the problems found. Plain equatable data, so an unchanged file stays cached.
    /// </summary>
    /// <param name="FileName">The contract file name, e.g. <c>output_schema.json</c>; names the hint files and the JSON support classes.</param>
    /// <param name="Namespace">The namespace of the generated code.</param>
    /// <param name="Types">Records, unions and enums in a stable order.</param>
    /// <param name="Exports">One entry per definition that has a C# type, for cross-file references.</param>
    /// <param name="Diagnostics">Problems found while reading the file.</param>
    internal sealed record SchemaTypesModel(
        string FileName,
        string Namespace,
        EquatableArray<TypeDeclaration> Types,
        EquatableArray<SchemaExport> Exports,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public SchemaTypesModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };
    }
}
