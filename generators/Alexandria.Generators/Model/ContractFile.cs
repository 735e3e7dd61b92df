namespace Alexandria.Generators.Model
{
    /// <summary>
    /// One contract file as the pipeline first sees it: its path, its text and the options that
    /// shape its output. Equatable by value so an unchanged file stays cached.
    /// </summary>
    /// <param name="Emit">The file's <c>AlexandriaEmit</c> metadata: empty for everything, <c>validators</c> for a validator-only schema.</param>
    /// <param name="ValidatorName">The file's <c>AlexandriaValidatorName</c> metadata: the root validator's class name, if set.</param>
    /// <param name="AssertFormats">The file's <c>AlexandriaAssertFormats</c> metadata (<c>true</c>/<c>false</c>), if set.</param>
    /// <param name="SchemaUri">The file's <c>AlexandriaSchemaUri</c> metadata: the URI other schemas <c>$ref</c> it by, if set.</param>
    /// <param name="SchemaDraft">The file's <c>AlexandriaSchemaDraft</c> metadata: the draft of its schemas without <c>$schema</c> (default 2020-12).</param>
    internal sealed record ContractFile(string Path, string FileName, string Text, string Namespace, string Emit = "", string ValidatorName = "", string AssertFormats = "", string SchemaUri = "", string SchemaDraft = "")
    {
        public const string EmitValidators = "validators";

        /// <summary>A file whose root is an arbitrary schema: it gets a root validator and no types.</summary>
        public bool IsValidatorOnly => string.Equals(Emit, EmitValidators, System.StringComparison.OrdinalIgnoreCase);
    }
}
