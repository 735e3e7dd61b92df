namespace Alexandria.Generators.Model.Schema
{
    /// <summary>Placeholder model for the Schema area; replaced by the area's real model.</summary>
    internal sealed record SchemaTypesModel(string FileName, string Namespace, EquatableArray<SchemaExport> Exports, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public SchemaTypesModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };
    }
}
