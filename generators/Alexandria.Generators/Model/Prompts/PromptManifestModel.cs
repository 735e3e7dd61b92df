namespace Alexandria.Generators.Model.Prompts
{
    /// <summary>
    /// A prompts manifest reduced to what the accessors need: the rendering rules and every prompt
    /// that is well-formed enough to emit. Plain equatable data so an unchanged manifest stays cached.
    /// </summary>
    internal sealed record PromptManifestModel(
        string FileName,
        string Namespace,
        string ManifestVersion,
        PromptRenderingRules Rendering,
        EquatableArray<PromptSpec> Prompts,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public PromptManifestModel WithoutDiagnostics() => this with { Diagnostics = EquatableArray<DiagnosticInfo>.Empty };

        public static PromptManifestModel Empty(string fileName, string ns, EquatableArray<DiagnosticInfo> diagnostics)
            => new PromptManifestModel(fileName, ns, "", PromptRenderingRules.Default, EquatableArray<PromptSpec>.Empty, diagnostics);
    }
}
