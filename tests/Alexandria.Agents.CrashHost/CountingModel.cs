using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Models;
using Microsoft.Extensions.AI;

// Shared with tests/Alexandria.Cluster.SiloHost (linked): the scripted model of the crash and failover tests.
/// <summary>Plans one step at a time until the request shows step <c>steps</c> was done, then finishes.</summary>
internal sealed partial class CountingModel(int steps, Random random) : IChatClient
{
    private static readonly string[] Queries = { "compaction", "snapshots", "handoff", "evidence", "pointers" };

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await Task.Delay(random.Next(1, 15), cancellationToken);
        var text = ModelRequest.Text(messages);
        string reply;
        if (ModelRequest.PromptIdOf(options) == "planner")
        {
            // The highest step id the planner can see (events since the snapshot, or the snapshot's own ranges).
            var done = StepIds().Matches(text).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
            var observed = text.Contains("\"kind\":\"observe\"", StringComparison.Ordinal) || text.Contains("\"covered_steps\"", StringComparison.Ordinal);
            var last = observed ? done : 0;
            reply = last >= steps
                ? """{"steps":[{"step_id":1,"description":"All notes written.","status":"done"}]}"""
                : "{\"steps\":[{\"step_id\":" + (last + 1) + ",\"description\":\"Step " + (last + 1) + ".\",\"status\":\"in_progress\"}]}";
        }
        else
        {
            var callId = CallId().Match(text).Groups[1].Value;
            var step = long.Parse(callId["call-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            reply = step % 2 == 0
                ? "{\"tool_name\":\"record_note\",\"arguments\":{\"text\":\"note " + step + "\"},\"call_id\":\"" + callId + "\"}"
                : "{\"tool_name\":\"search\",\"arguments\":{\"query\":\"" + Queries[step % Queries.Length] + "\"},\"call_id\":\"" + callId + "\"}";
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)) { Usage = new UsageDetails { InputTokenCount = text.Length / 4, OutputTokenCount = reply.Length / 4 } };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    [GeneratedRegex("\"step_id\":(\\d+)")]
    private static partial Regex StepIds();

    [GeneratedRegex("call_id: (call-\\d+)")]
    private static partial Regex CallId();
}
