using Microsoft.CodeAnalysis.Diagnostics;

namespace Alexandria.Generators
{
    /// <summary>
    /// The per-file AdditionalFiles metadata Alexandria reads (made visible by build/Alexandria.Generators.targets):
    /// <c>AlexandriaEmit</c> (<c>validators</c> for a validator-only schema), <c>AlexandriaValidatorName</c>,
    /// <c>AlexandriaAssertFormats</c>, <c>AlexandriaSchemaUri</c> (the URI <c>$ref</c>s use for the file) and
    /// <c>AlexandriaSchemaDraft</c> (the draft of schemas without <c>$schema</c>).
    /// </summary>
    internal readonly record struct FileOptions(string Emit, string ValidatorName, string AssertFormats, string SchemaUri, string SchemaDraft)
    {
        public static FileOptions Read(AnalyzerConfigOptions options)
            => new FileOptions(Get(options, "AlexandriaEmit"), Get(options, "AlexandriaValidatorName"), Get(options, "AlexandriaAssertFormats"), Get(options, "AlexandriaSchemaUri"), Get(options, "AlexandriaSchemaDraft"));

        private static string Get(AnalyzerConfigOptions options, string name)
            => options.TryGetValue("build_metadata.AdditionalFiles." + name, out var value) ? value.Trim() : "";
    }
}
