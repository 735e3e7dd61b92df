using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Tests.Infrastructure;

/// <summary>A temporary store, a scripted (or given) model that records every request, and the research tools.</summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    private AgentHarness(TemporaryStore store)
    {
        Store = store;
    }

    public TemporaryStore Store { get; }

    public List<(string PromptId, byte[] Bytes, string Text)> Requests { get; } = new();

    public List<AgentProgress> Progress { get; } = new();

    public static async Task<AgentHarness> CreateAsync() => new(await TemporaryStore.CreateAsync());

    public Task<AgentRunResult> RunAsync(ModelScript script, AgentOptions? options = null, ToolRegistry? tools = null, string objective = "Explain when compaction fires.", CancellationToken cancellationToken = default)
        => RunAsync(new ScriptedChatClient(script), options, tools, objective, cancellationToken);

    public Task<AgentRunResult> RunAsync(IChatClient model, AgentOptions? options = null, ToolRegistry? tools = null, string objective = "Explain when compaction fires.", CancellationToken cancellationToken = default)
    {
        var spy = new SpyChatClient(model, Requests);
        var runner = new AgentRunner(Store.Store, spy, tools ?? AgentRunner.ResearchTools(Documents.Index()), options);
        return runner.RunAsync("run-1", objective, Progress.Add, cancellationToken);
    }

    /// <summary>The run's events, typed.</summary>
    public async Task<IReadOnlyList<RunEvent>> EventsAsync(string runId = "run-1")
    {
        var log = new TypedEventLog(Store.Store.Events, Store.Store.Objects);
        var events = new List<RunEvent>();
        await foreach (var logged in log.ReadRangeAsync(runId))
        {
            events.Add(logged.Event);
        }

        return events;
    }

    public IEnumerable<(string PromptId, byte[] Bytes, string Text)> RequestsFor(string promptId) => Requests.Where(r => r.PromptId == promptId);

    public ValueTask DisposeAsync() => Store.DisposeAsync();

    /// <summary>Keeps the exact bytes of every request, as the model received them.</summary>
    private sealed class SpyChatClient : DelegatingChatClient
    {
        private readonly List<(string, byte[], string)> _requests;

        public SpyChatClient(IChatClient inner, List<(string, byte[], string)> requests)
            : base(inner)
        {
            _requests = requests;
        }

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            _requests.Add((ModelRequest.PromptIdOf(options) ?? "", ModelRequest.ToBytes(list), ModelRequest.Text(list)));
            return base.GetResponseAsync(list, options, cancellationToken);
        }
    }
}
