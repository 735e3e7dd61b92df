namespace Alexandria.Generators.Model.StrictSchemas
{
    /// <summary>
    /// One prompt's output schema as each provider's structured-output schema: JSON text, or null with the
    /// reasons it falls back, plus the OpenAI reply mapping (<see cref="ReplyRoot"/> -1 when it is the identity).
    /// </summary>
    internal sealed record PromptOutputSchemas(
        string PromptClassName,
        string Name,
        string? OpenAiStrict,
        string? Anthropic,
        string? Ollama,
        EquatableArray<string> OpenAiFallbackReasons,
        EquatableArray<string> AnthropicFallbackReasons,
        EquatableArray<string> OllamaFallbackReasons,
        int ReplyRoot,
        EquatableArray<ReplyShape> ReplyShapes);
}
