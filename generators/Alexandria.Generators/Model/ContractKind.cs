namespace Alexandria.Generators.Model
{
    /// <summary>What a contract file is, decided from its content.</summary>
    internal enum ContractKind
    {
        /// <summary>Not something the generator understands; reported, not compiled.</summary>
        Unknown,

        /// <summary>A JSON Schema document (2020-12) whose <c>$defs</c> become types and validators.</summary>
        JsonSchema,

        /// <summary>An OpenAPI 3.1 document that becomes a server interface and route constants.</summary>
        OpenApi,

        /// <summary>A prompts manifest that becomes typed prompt accessors.</summary>
        PromptManifest,

        /// <summary>The lock file that drift checks compare against.</summary>
        Lock,
    }
}
