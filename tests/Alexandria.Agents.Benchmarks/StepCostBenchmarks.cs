using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Runtime.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Benchmarks;

/// <summary>Where the embedded store's files live: fsync is close to free on tmpfs and real on disk.</summary>
public enum StoreRoot
{
    /// <summary>/dev/shm: fsync returns without touching a device, so this case is the runtime excluding fsync.</summary>
    Tmpfs,

    /// <summary>The temp directory on the machine's disk: every append waits for its fsync.</summary>
    Disk,
}

/// <summary>
/// The agent runtime's own cost per step with a zero-latency scripted model (issue 13, item 10). Both benchmarks play
/// the same <see cref="StepScript"/> through a fresh <see cref="ScriptedChatClient"/> and report per step
/// (OperationsPerInvoke = steps), so Ratio and Alloc Ratio are the runtime over the floor:
/// <list type="bullet">
/// <item>the floor (the baseline) sends, per scripted turn, a request of exactly the text the runtime sends for that
/// turn (<see cref="RecordedRequests"/>, taken from one real run in the setup), produced as one fresh string — the
/// least any loop that sends those bytes must allocate — reads the reply, and runs the executor's tool call (the same
/// search) unguarded: no rendering logic, no validation, no events, no guardrails;</item>
/// <item>the old floor sends one fixed one-line message per turn instead: it moves far fewer bytes than the runtime,
/// so it is kept only for comparison with earlier figures;</item>
/// <item>the runtime is <see cref="AgentRunner.RunAsync"/> on the embedded store: planner/executor request assembly,
/// schema validation of every reply, handoff packets, the guarded tool call, every event validated and appended, loop
/// detection and compaction at their default thresholds. The run's fixed cost (session open, final plan) is shared
/// by its steps.</item>
/// </list>
/// The <see cref="Root"/> parameter separates fsync: on tmpfs it is a syscall that returns at once; on disk it is real.
/// </summary>
[MemoryDiagnoser]
public class StepCostBenchmarks
{
    private readonly ModelScript _script = StepScript.Build();
    private readonly ToolRegistry _tools = AgentRunner.ResearchTools(StepScript.Documents());
    private readonly List<ChatMessage> _fixedRequest = new() { new ChatMessage(ChatRole.User, "Next turn.") };
    private readonly ITool _search;
    private readonly int _itemCap = AgentOptions.Default.Tools.ItemCap;
    private readonly ToolCallContext _floorContext = new("floor", "call", AgentOptions.Default.ExecutorScope, new NoEvidence());
    private IReadOnlyList<string> _runtimeRequests = Array.Empty<string>();

    public StepCostBenchmarks()
    {
        _search = _tools.Find("search") ?? throw new InvalidOperationException("The research tools have no search tool.");
    }
    private string? _root;
    private IRuntimeStore? _store;
    private int _run;

    /// <summary>Characters the runtime sends to the model per step (all turns of the script over its steps), as the floor does.</summary>
    public double RequestCharsPerStep => _runtimeRequests.Sum(r => r.Length) / (double)StepScript.Steps;

    /// <summary>Where the store's files live.</summary>
    [Params(StoreRoot.Tmpfs, StoreRoot.Disk)]
    public StoreRoot Root { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var parent = Root == StoreRoot.Tmpfs ? "/dev/shm" : Path.GetTempPath();
        if (!Directory.Exists(parent))
        {
            throw new InvalidOperationException($"The {Root} case needs '{parent}' (a tmpfs mount on Linux); it does not exist on this machine.");
        }

        _runtimeRequests = await RecordedRequests.CaptureAsync().ConfigureAwait(false);
        _root = Path.Combine(parent, "alexandria-agent-bench-" + Guid.NewGuid().ToString("N"));
        _store = await RuntimeStore.OpenAsync(new RuntimeStoreOptions { RootDirectory = _root }).ConfigureAwait(false);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = StepScript.Steps, Description = "Bare IChatClient loop, same requests (floor)")]
    public async Task<int> BareChatLoopSameRequests()
    {
        var model = new ScriptedChatClient(_script);
        var replied = 0;
        for (var i = 0; i < _script.Turns.Count; i++)
        {
            var request = new List<ChatMessage> { new(ChatRole.System, new string(_runtimeRequests[i].AsSpan())) };
            var response = await model.GetResponseAsync(request, ModelRequest.OptionsFor(_script.Turns[i].Prompt)).ConfigureAwait(false);
            replied += response.Text.Length;
            if (_script.Turns[i].Prompt == "executor")
            {
                // The same tool call the runtime makes, unguarded: a bare loop runs its tools too.
                using var call = JsonDocument.Parse(response.Text);
                var page = await _search.InvokeAsync(new ToolRequest(call.RootElement.GetProperty("arguments"), 0, _itemCap, _floorContext), CancellationToken.None).ConfigureAwait(false);
                replied += page.Items.Count;
            }
        }

        return replied;
    }

    [Benchmark(OperationsPerInvoke = StepScript.Steps, Description = "Bare IChatClient loop, one fixed line (old floor)")]
    public async Task<int> BareChatLoop()
    {
        var model = new ScriptedChatClient(_script);
        var replied = 0;
        foreach (var turn in _script.Turns)
        {
            var response = await model.GetResponseAsync(_fixedRequest, ModelRequest.OptionsFor(turn.Prompt)).ConfigureAwait(false);
            replied += response.Text.Length;
        }

        return replied;
    }

    [Benchmark(OperationsPerInvoke = StepScript.Steps, Description = "AgentRunner, embedded store")]
    public async Task<long> AgentRun()
    {
        var runId = "bench-" + (++_run).ToString(CultureInfo.InvariantCulture);
        var result = await new AgentRunner(_store!, new ScriptedChatClient(_script), _tools).RunAsync(runId, "Explain when compaction fires.").ConfigureAwait(false);
        if (result.Status != AgentRunStatus.Completed || result.Steps != StepScript.Steps)
        {
            // A run that stopped early would measure less than a full run: fail loudly instead of reporting it.
            throw new InvalidOperationException($"The scripted run ended {result.Status} after {result.Steps} steps: {result.Message}");
        }

        return result.Steps;
    }

    /// <summary>The floor checks no evidence (the search tool never asks).</summary>
    private sealed class NoEvidence : IEvidenceCheck
    {
        public Task<IReadOnlyList<string>> FindUnresolvedAsync(IReadOnlyList<EvidencePointer> pointers, CancellationToken cancellationToken)
            => Task.FromResult<IReadOnlyList<string>>(Array.Empty<string>());
    }
}
