using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Providers;

/// <summary>
/// Sits just inside the GenAI telemetry client: tags its span with the run, prompt and prefix hash of the loop
/// request, and counts input, cached tokens and cache hits per provider and prompt.
/// </summary>
internal sealed class RunTaggingChatClient : DelegatingChatClient
{
    public RunTaggingChatClient(IChatClient inner)
        : base(inner)
    {
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = LoopRequest.Of(options);
        Tag(Activity.Current, request);
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Count(response.Usage, request, response.ModelId ?? options?.ModelId);
        return response;
    }

    internal static void Tag(Activity? activity, LoopRequest? request)
    {
        if (activity is null || request is null)
        {
            return;
        }

        activity.SetTag(AgentTelemetry.RunIdTag, request.RunId);
        activity.SetTag("alexandria.prompt_id", request.PromptId);
        activity.SetTag("alexandria.prefix_sha256", request.PrefixSha256);
    }

    private void Count(UsageDetails? usage, LoopRequest? request, string? model)
    {
        if (usage is null)
        {
            return;
        }

        var provider = (GetService(typeof(ChatClientMetadata)) as ChatClientMetadata)?.ProviderName ?? "unknown";
        var tags = new TagList { { "gen_ai.provider.name", provider }, { "gen_ai.request.model", model }, { "alexandria.prompt_id", request?.SchemaPromptId } };
        var cached = usage.CachedInputTokenCount ?? 0;
        AgentTelemetry.InputTokens.Add(usage.InputTokenCount ?? 0, tags);
        AgentTelemetry.CachedTokens.Add(cached, tags);
        tags.Add("alexandria.prompt_cache.hit", cached > 0);
        AgentTelemetry.Requests.Add(1, tags);
    }
}
