using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Research;
using Alexandria.Agents.Tools;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Storage;
using Microsoft.Extensions.AI;

// Runs (mode "run") or resumes (mode "resume") one agent run of Steps steps whose even steps call a
// non-idempotent tool with a side effect outside the run (a line appended to <effects file>) and whose odd steps
// search. Model calls and the tool take a few random milliseconds, so the parent's SIGKILL lands anywhere: in a
// model call, between events, inside the tool before or after its effect, in a compaction.
// Usage: AgentCrashHost <root> <run id> <run|resume> <effects file> <seed> [postgres connection string]
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: AgentCrashHost <root> <run id> <run|resume> <effects file> <seed> [postgres connection string]");
    return 2;
}

const int Steps = 10;
const string Objective = "Write a note on every even step and search on every odd one.";
var random = new Random(int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
await using IRuntimeStore store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = args[0], PostgresConnectionString = args.Length > 5 ? args[5] : null });
var index = FolderDocumentIndex.FromDocuments(new Dictionary<string, string>
{
    ["a.md"] = "Compaction fires at 18 counted events.\n\nSnapshots keep the loop counters.",
    ["b.md"] = "Handoff packets carry the scope.\n\nEvidence is stored as pointers.",
});
var tools = new ToolRegistry(new ITool[] { new SearchTool(index), new NoteTool(args[3], random) });
var options = new AgentOptions { Session = new RunSessionOptions { Compaction = new CompactionPolicy { EventThreshold = 6 } } };
var runner = new AgentRunner(store, new CountingModel(Steps, random), tools, options);
var started = false;
void Progress(AgentProgress progress)
{
    if (!started)
    {
        started = true;
        Console.Out.WriteLine("started");
        Console.Out.Flush();
    }
}

var result = args[2] == "run"
    ? await runner.RunAsync(args[1], Objective, Progress)
    : await runner.ResumeAsync(args[1], Objective, Progress);
Console.Out.WriteLine("started");
Console.Out.WriteLine("finished " + result.Status);
Console.Out.Flush();
return 0;

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

/// <summary>A non-idempotent tool whose effect (one line with its idempotency key) lands outside the run, durably.</summary>
internal sealed class NoteTool(string effectsFile, Random random) : ITool
{
    public string Name => "record_note";

    public string Description => "Appends a note to the effects file.";

    public string InputSchema => """{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}""";

    public bool IsIdempotent => false;

    public IReadOnlyList<string> ReadPaths(JsonElement arguments) => Array.Empty<string>();

    public IReadOnlyList<string> WritePaths(JsonElement arguments) => Array.Empty<string>();

    public async Task<ToolPage> InvokeAsync(ToolRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(random.Next(1, 10), cancellationToken);
        using (var file = new FileStream(effectsFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
        {
            var line = Encoding.UTF8.GetBytes(request.Context.IdempotencyKey + "\n");
            await file.WriteAsync(line, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        await Task.Delay(random.Next(1, 10), cancellationToken);
        using var doc = JsonDocument.Parse("{\"written\":true}");
        return new ToolPage(new[] { new ToolItem(doc.RootElement.Clone(), "note written", Array.Empty<EvidenceCitation>()) }, 1, false);
    }
}
