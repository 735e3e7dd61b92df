namespace Alexandria.Generators.Emitting
{
    /// <summary>
    /// The naming rules shared by every area, so the type, its validator and any cross-file reference
    /// to it agree: a definition <c>$defs/run_event</c> is the type <c>RunEvent</c> and the validator
    /// <c>RunEventValidator</c>; <c>x-alexandria-name</c> on the definition overrides the type name.
    /// </summary>
    internal static class SchemaNaming
    {
        public const string NameOverrideKeyword = "x-alexandria-name";

        public static string TypeName(string definitionKey, string? nameOverride = null)
            => CSharpNaming.ToPascalCase(string.IsNullOrEmpty(nameOverride) ? definitionKey : nameOverride!);

        public static string ValidatorName(string typeName) => typeName + "Validator";

        /// <summary>The validator of a whole schema file whose root is itself a schema (no <c>$defs</c> addressing).</summary>
        public static string RootValidatorName(string fileName)
        {
            var stem = fileName.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase) ? fileName.Substring(0, fileName.Length - 5) : fileName;
            return CSharpNaming.ToPascalCase(stem) + "Validator";
        }

        /// <summary>The class holding a schema file's compiled validator methods, e.g. <c>CompiledOutputSchema</c>.</summary>
        public static string CompiledValidatorsName(string fileName)
        {
            var stem = fileName.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase) ? fileName.Substring(0, fileName.Length - 5) : fileName;
            return "Compiled" + CSharpNaming.ToPascalCase(stem);
        }

        /// <summary>The namespace the validation support types (<c>ValidationResult</c>, <c>ValidationError</c>) live in.</summary>
        public static string ValidationNamespace(string contractNamespace) => contractNamespace + ".Validation";
    }
}
