namespace Alexandria.Generators.Emitting.Prompts
{
    /// <summary>Names of the support types every prompt accessor uses, shared by parser and emitters.</summary>
    internal static class PromptSupportNames
    {
        public const string RenderedPrompt = nameof(RenderedPrompt);
        public const string CacheBreakpoint = nameof(CacheBreakpoint);
        public const string PromptDescriptor = nameof(PromptDescriptor);
        public const string PromptRendering = nameof(PromptRendering);
        public const string PromptWithOutput = "IPromptWithOutput";
        public const string StructuredOutputSchemas = nameof(StructuredOutputSchemas);

        // Not "Prompts": a class named like its namespace is shadowed by the namespace in consumer code.
        public const string Catalog = "PromptCatalog";

        public static string Namespace(string contractNamespace) => contractNamespace + ".Prompts";
    }
}
