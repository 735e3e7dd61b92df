namespace Alexandria.Generators.Parsing.StrictSchemas
{
    /// <summary>The providers Alexandria exports a structured-output schema for.</summary>
    internal enum StructuredOutputProvider
    {
        OpenAiStrict,
        Anthropic,
        Ollama,
    }
}
