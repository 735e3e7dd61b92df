using System.Threading.Tasks;
using Alexandria.Agents.Models;
using Alexandria.Agents.Providers;
using Alexandria.Contracts.Prompts;
using Microsoft.Extensions.AI;

namespace Alexandria.Providers.Tests.Wire;

/// <summary>One loop-shaped request (a rendered planner prompt with its breakpoints) sent through an adapter.</summary>
internal static class WireRequests
{
    public const string Catalog = "- search: Full-text search over the documents. Input: {\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},\"required\":[\"query\"]}";

    public static RenderedPrompt Planner(string objective = "Explain when compaction fires.", string? events = null)
        => PlannerPrompt.Render(Catalog, objective, "{}", events is null ? System.Array.Empty<string>() : new[] { events }, System.Array.Empty<string>());

    public static ChatOptions Options(RenderedPrompt prompt, ProviderOutputSchema? schema, string promptId = "planner")
        => ModelRequest.OptionsFor(promptId, new LoopRequest(promptId, prompt.PromptId, "run-wire", prompt.Breakpoints, prompt.PrefixHash, schema));

    public static Task<ChatResponse> AskAsync(IChatClient client, RenderedPrompt prompt, ProviderOutputSchema? schema)
        => client.GetResponseAsync(new[] { new ChatMessage(ChatRole.System, prompt.Text) }, Options(prompt, schema));
}
