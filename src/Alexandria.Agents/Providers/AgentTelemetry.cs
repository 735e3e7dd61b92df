using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Providers;

/// <summary>
/// OpenTelemetry for agent runs: every model call is a GenAI span (<c>Microsoft.Extensions.AI</c>'s
/// <c>UseOpenTelemetry</c>, semantic conventions <c>gen_ai.*</c>) and every tool call an <c>execute_tool</c> span,
/// all under <see cref="SourceName"/> and tagged <see cref="RunIdTag"/>. Metrics: the GenAI token and duration
/// histograms plus <c>alexandria.prompt_cache.*</c> counters. Subscribe with
/// <c>.AddSource(AgentTelemetry.SourceName).AddMeter(AgentTelemetry.SourceName)</c>.
/// </summary>
public static class AgentTelemetry
{
    /// <summary>The activity source and meter name.</summary>
    public const string SourceName = "Alexandria.Agents";

    /// <summary>The span attribute naming the run.</summary>
    public const string RunIdTag = "alexandria.run_id";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static readonly Meter Meter = new(SourceName);

    internal static readonly Counter<long> InputTokens = Meter.CreateCounter<long>("alexandria.prompt_cache.input_tokens", "{token}", "Input tokens of model calls.");

    internal static readonly Counter<long> CachedTokens = Meter.CreateCounter<long>("alexandria.prompt_cache.cached_tokens", "{token}", "Input tokens read from the provider's prompt cache.");

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("alexandria.prompt_cache.requests", "{request}", "Model calls, tagged alexandria.prompt_cache.hit = true when any input token came from the cache.");

    /// <summary>Wraps <paramref name="client"/> in GenAI telemetry and run tagging.</summary>
    public static IChatClient Instrument(IChatClient client)
        => new RunTaggingChatClient(client).AsBuilder().UseOpenTelemetry(sourceName: SourceName).Build();
}
