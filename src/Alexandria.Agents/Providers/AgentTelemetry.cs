using System;
using System.Diagnostics;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
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

    /// <summary>Starts the <c>execute_tool</c> span of a tool call (GenAI semantic conventions), or null when nobody listens.</summary>
    public static Activity? StartToolSpan(string runId, long step, ActPayload act)
    {
        ArgumentNullException.ThrowIfNull(act);
        var span = Source.StartActivity("execute_tool " + act.ToolName, ActivityKind.Internal);
        span?.SetTag("gen_ai.operation.name", "execute_tool");
        span?.SetTag("gen_ai.tool.name", act.ToolName);
        span?.SetTag("gen_ai.tool.call.id", act.CallId);
        span?.SetTag(RunIdTag, runId);
        span?.SetTag("alexandria.step_id", step);
        return span;
    }

    /// <summary>Records how a tool call ended on its span.</summary>
    public static void EndToolSpan(Activity? span, GuardedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (span is null)
        {
            return;
        }

        span.SetTag("alexandria.tool.status", result.Status.ToString());
        if (result.Refusal is not null || result.Status == ObserveStatus.Error)
        {
            span.SetStatus(ActivityStatusCode.Error, result.Refusal ?? "tool error");
            span.SetTag("error.type", result.Refusal is null ? "tool_error" : "refused");
        }
    }

    /// <summary>Wraps <paramref name="client"/> in GenAI telemetry and run tagging.</summary>
    public static IChatClient Instrument(IChatClient client)
        => new RunTaggingChatClient(client).AsBuilder().UseOpenTelemetry(sourceName: SourceName).Build();
}
