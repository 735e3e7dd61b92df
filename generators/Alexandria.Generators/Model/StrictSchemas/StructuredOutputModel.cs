namespace Alexandria.Generators.Model.StrictSchemas
{
    /// <summary>Every prompt of one manifest that has an output schema, exported for each provider.</summary>
    internal sealed record StructuredOutputModel(
        string FileName,
        string Namespace,
        EquatableArray<PromptOutputSchemas> Prompts,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public StructuredOutputModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };
    }
}
