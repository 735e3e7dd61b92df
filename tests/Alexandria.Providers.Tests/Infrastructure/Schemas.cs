using System.Collections.Generic;
using Alexandria.Agents.Providers;
using Alexandria.Contracts.Prompts;

namespace Alexandria.Providers.Tests.Infrastructure;

/// <summary>
/// The provider forms of the planner's plan_payload schema, as the generator compiled them from the contracts at build
/// time (<see cref="PlannerPrompt.OutputSchemas"/>): what the adapters must put on the wire byte for byte.
/// </summary>
internal static class Schemas
{
    public static string OpenAiStrict => PlannerPrompt.OutputSchemas.OpenAiStrict!;

    public static string Anthropic => PlannerPrompt.OutputSchemas.Anthropic!;

    public static string Ollama => PlannerPrompt.OutputSchemas.Ollama!;

    public static ProviderOutputSchema Plan { get; } = GeneratedOutputSchemas.Instance.For(PlannerPrompt.Id)!;

    /// <summary>A catalog with <see cref="Plan"/> for the planner and nothing (JSON mode) for the executor.</summary>
    public static IOutputSchemaCatalog PlannerOnly { get; } = new Catalog(new Dictionary<string, ProviderOutputSchema> { [PlannerPrompt.Id] = Plan });

    private sealed class Catalog(IReadOnlyDictionary<string, ProviderOutputSchema> schemas) : IOutputSchemaCatalog
    {
        public ProviderOutputSchema? For(string promptId) => schemas.GetValueOrDefault(promptId);
    }
}
