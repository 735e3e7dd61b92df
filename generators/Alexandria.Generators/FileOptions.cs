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
        // The full keys as constants: every file's options are read twice a run (as a contract, as a schema document).
        private const string Prefix = "build_metadata.AdditionalFiles.";

        public static FileOptions Read(AnalyzerConfigOptions options)
            => new FileOptions(
                Get(options, Prefix + "AlexandriaEmit"),
                Get(options, Prefix + "AlexandriaValidatorName"),
                Get(options, Prefix + "AlexandriaAssertFormats"),
                Get(options, Prefix + "AlexandriaSchemaUri"),
                Get(options, Prefix + "AlexandriaSchemaDraft"));

        private static string Get(AnalyzerConfigOptions options, string key)
            => options.TryGetValue(key, out var value) ? value.Trim() : "";
    }
}
