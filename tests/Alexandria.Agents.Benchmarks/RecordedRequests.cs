using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Runtime.Storage;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Benchmarks;

/// <summary>
/// The exact request texts the runtime sends for <see cref="StepScript"/>, one per scripted turn, taken from one real
/// run: what the fair floor sends, so both cases move the same bytes to the model.
/// </summary>
internal static class RecordedRequests
{
    public static async Task<IReadOnlyList<string>> CaptureAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "alexandria-agent-bench-capture-" + Guid.NewGuid().ToString("N"));
        var store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = root }).ConfigureAwait(false);
        try
        {
            var capture = new Capture(new ScriptedChatClient(StepScript.Build()));
            var result = await new AgentRunner(store, capture, AgentRunner.ResearchTools(StepScript.Documents())).RunAsync("capture", "Explain when compaction fires.").ConfigureAwait(false);
            if (result.Status != AgentRunStatus.Completed || capture.Requests.Count != StepScript.Build().Turns.Count)
            {
                throw new InvalidOperationException($"The capture run ended {result.Status} after {capture.Requests.Count} requests: {result.Message}");
            }

            return capture.Requests;
        }
        finally
        {
            await store.DisposeAsync().ConfigureAwait(false);
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class Capture(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<string> Requests { get; } = new();

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var request = messages.ToList();
            // One system message a turn when no reply needs repair (the script has none).
            Requests.Add(string.Concat(request.Select(m => m.Text)));
            return base.GetResponseAsync(request, options, cancellationToken);
        }
    }
}
