using System;
using System.Linq;
using Alexandria.Contracts.Prompts;

namespace Alexandria.Agents.Providers;

/// <summary>
/// The default catalog: the provider forms the generator compiled from each prompt's <c>output_schema</c> at build time
/// (<c>PlannerPrompt.OutputSchemas</c>, …). A form the generator could not express for a provider is null, reported by
/// ALX0501–ALX0503 at build time, and that provider runs that prompt in plain JSON mode.
/// </summary>
public sealed class GeneratedOutputSchemas : IOutputSchemaCatalog
{
    private static readonly ProviderOutputSchema Planner = From(PlannerPrompt.OutputSchemas);
    private static readonly ProviderOutputSchema Executor = From(ExecutorPrompt.OutputSchemas);

    /// <summary>The one instance.</summary>
    public static GeneratedOutputSchemas Instance { get; } = new();

    /// <inheritdoc/>
    public ProviderOutputSchema? For(string promptId) => promptId switch
    {
        PlannerPrompt.Id => Planner,
        ExecutorPrompt.Id => Executor,
        _ => null,
    };

    private static ProviderOutputSchema From(StructuredOutputSchemas generated) => new(
        generated.Name,
        generated.OpenAiStrict,
        generated.Anthropic,
        generated.Ollama,
        generated.OpenAiFallbackReasons.Select(r => "OpenAI: " + r)
            .Concat(generated.AnthropicFallbackReasons.Select(r => "Anthropic: " + r))
            .Concat(generated.OllamaFallbackReasons.Select(r => "Ollama: " + r))
            .ToList(),
        generated.OpenAiStrict is null ? null : reply => generated.OpenAiReplyToContract(reply.Span));
}
