using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Loop;
using Alexandria.Agents.Models;
using Alexandria.Agents.Tests.Infrastructure;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using Alexandria.Runtime.Replay;
using Alexandria.Runtime.Storage;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;
using static Alexandria.Agents.Tests.Infrastructure.Script;

namespace Alexandria.Agents.Tests.Loop;

/// <summary>
/// Resuming a run reads the latest snapshot and the tail, not the log from seq 1 (issue 15 item 5): the snapshot's
/// <c>run_totals</c> carry the whole-run counters. What it restores must equal the whole-log fold at every point a
/// crash can leave the log, and snapshots written before <c>run_totals</c> existed must still resume.
/// </summary>
public sealed partial class BoundedResumeTests(ITestOutputHelper output)
{
    private const string Same = """{"query":"compaction"}""";

    /// <summary>Steps of the shorter run (a multiple of 6, the steps between two compactions here); <c>ALEXANDRIA_RESUME_STEPS=120</c> is the soak.</summary>
    private static int ShortRunSteps => int.TryParse(Environment.GetEnvironmentVariable("ALEXANDRIA_RESUME_STEPS"), out var steps) && steps > 0 ? steps : 24;

    [Fact]
    public async Task Resuming_a_run_ten_times_longer_reads_no_more_events()
    {
        var (shortRead, shortLength) = await ResumeReadsAsync(ShortRunSteps);
        var (longRead, longLength) = await ResumeReadsAsync(10 * ShortRunSteps);
        output.WriteLine($"resume after {shortLength} events read {shortRead}; after {longLength} events, {longRead}");

        Assert.True(longLength >= 9 * shortLength, $"the long run has {longLength} events, the short one {shortLength}");
        Assert.True(longLength > 2_000, $"the long run has only {longLength} events");
        Assert.True(longRead <= shortRead, $"resuming after {longLength} events read {longRead} of them; after {shortLength}, {shortRead}");
        Assert.InRange(shortRead, 1, 200);
    }

    /// <summary>A run of <paramref name="steps"/> stopped by its step limit, then resumed: the events read before the resumed run's first model call.</summary>
    private static async Task<(long Read, long Length)> ResumeReadsAsync(int steps)
    {
        await using var temp = await TemporaryStore.CreateAsync();
        // A lookup with no side effect and no evidence: the cheapest step.
        var tools = new ToolRegistry(new ITool[] { new StubTool("lookup", """{"type":"object","properties":{"key":{"type":"string"}},"required":["key"]}""", """{"found":true}""", "found") { Description = "Looks up one key." } });
        var stopped = await new AgentRunner(temp.Store, new SteppingModel(null), tools, Limited(steps)).RunAsync("long", "Look up one thing per step.");
        Assert.Equal(AgentRunStatus.MaxStepsReached, stopped.Status);

        var counting = new CountingStore(temp.Store);
        long? readAtFirstCall = null;
        var resumed = await new AgentRunner(counting, new SteppingModel(() => readAtFirstCall ??= counting.EventsRead), tools, Limited(steps + 2)).ResumeAsync("long");
        Assert.Equal(AgentRunStatus.MaxStepsReached, resumed.Status);
        Assert.Equal(steps + 2, resumed.Steps);
        return (readAtFirstCall!.Value, stopped.LastSeq);
    }

    private static AgentOptions Limited(int steps) => new() { Limits = new AgentLimits { MaxSteps = steps, MaxModelCalls = int.MaxValue, MaxTokens = long.MaxValue } };

    public static TheoryData<int> Thresholds => new() { 3, 18 };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public async Task What_a_resume_restores_equals_the_whole_log_fold_wherever_a_crash_left_the_log(int eventThreshold)
    {
        await using var harness = await AgentHarness.CreateAsync();
        var options = new AgentOptions { Session = new RunSessionOptions { Compaction = new CompactionPolicy { EventThreshold = eventThreshold } } };
        var result = await harness.RunAsync(Of(EveryKindOfStep()), options);
        Assert.Equal(AgentRunStatus.Completed, result.Status);
        Assert.NotEmpty(result.Compactions);

        var bounded = 0;
        for (var seq = 1L; seq <= result.LastSeq; seq++)
        {
            if (!await RunPrefixStore.IsDurablePointAsync(harness.Store.Store, "run-1", seq))
            {
                continue;
            }

            foreach (var withoutTotals in new[] { false, true })
            {
                var view = new RunPrefixStore(harness.Store.Store, seq, withoutTotals);
                var session = await RunSession.OpenAsync(view, "run-1", options.Session);
                var before = view.EventsRead;
                var restored = await RunHistory.ReadAsync(session, "Given again.", CancellationToken.None);
                var read = view.EventsRead - before;
                var whole = await RunHistory.ReadWholeLogAsync(session, "Given again.", CancellationToken.None);

                Assert.True(HistoryText.Of(whole) == HistoryText.Of(restored), $"at seq {seq}{(withoutTotals ? " (snapshots without run_totals)" : "")}:\nwhole log:\n{HistoryText.Of(whole)}\nrestored:\n{HistoryText.Of(restored)}");
                if (session.Latest is not null && !withoutTotals && read < seq - session.EventsSinceSnapshot.Count)
                {
                    bounded++;
                }
            }
        }

        // The bounded read was taken (reading less than the log before the snapshot) wherever a snapshot existed.
        Assert.True(bounded >= result.Compactions.Count, $"the bounded read was taken at only {bounded} points");
    }

    [Fact]
    public async Task A_run_whose_snapshots_predate_run_totals_resumes_as_one_that_has_them_and_still_replays()
    {
        var options = new AgentOptions
        {
            Limits = new AgentLimits { MaxSteps = 6 },
            Session = new RunSessionOptions { Compaction = new CompactionPolicy { EventThreshold = 3 } },
        };
        await using var harness = await AgentHarness.CreateAsync();
        var stopped = await harness.RunAsync(Of(EveryKindOfStep()), options);
        Assert.Equal(AgentRunStatus.MaxStepsReached, stopped.Status);

        await using var old = await TemporaryStore.CreateAsync();
        await CopyWithoutRunTotalsAsync(harness.Store.Store, old.Store, "run-1");
        Assert.All(await old.Store.Snapshots.GetHistoryAsync("run-1"), s => Assert.Null(CompactionSnapshot.ParseUnvalidated(s.Json.Span).RunTotals));

        var rest = EveryKindOfStep().Skip(EveryKindOfStep().Length - RemainingTurns).ToArray();
        var tools = AgentRunner.ResearchTools(Documents.Index());
        // Both continuations stamp the same times, so their logs can be compared byte for byte.
        AgentOptions Resuming() => options with { Limits = AgentLimits.Default, Session = options.Session with { Clock = new ScriptedClock(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMilliseconds(1)) } };
        var current = await new AgentRunner(harness.Store.Store, new ScriptedChatClient(Of(rest)), tools, Resuming()).ResumeAsync("run-1");
        var upgraded = await new AgentRunner(old.Store, new ScriptedChatClient(Of(rest)), tools, Resuming()).ResumeAsync("run-1");

        Assert.Equal(AgentRunStatus.Completed, current.Status);
        Assert.Equal(Summary(current), Summary(upgraded));
        // Event for event the same continuation: the resume restored the same state from either kind of snapshot.
        Assert.Equal(await EventTextsAsync(harness.Store.Store), await EventTextsAsync(old.Store));
        // Snapshots continuing one without totals carry none (nothing to continue from), and the run replays clean.
        var history = await old.Store.Snapshots.GetHistoryAsync("run-1");
        Assert.True(history.Count > stopped.Compactions.Count);
        Assert.All(history, s => Assert.Null(CompactionSnapshot.ParseUnvalidated(s.Json.Span).RunTotals));
        var replay = await new SnapshotReplayer(old.Store, options.Session).VerifyAsync("run-1");
        Assert.Empty(replay.Mismatches);
        Assert.Equal(history.Count, replay.SnapshotsChecked);
    }

    private static async Task<List<string>> EventTextsAsync(IRuntimeStore store)
        => (await store.Events.ReadAsync("run-1", 1, int.MaxValue)).Select(e => System.Text.Encoding.UTF8.GetString(e.Json.Span)).ToList();

    private static string Summary(AgentRunResult result)
        => $"{result.Status} steps {result.Steps} calls {result.Usage.ModelCalls} tokens {result.Usage.InputTokens}/{result.Usage.OutputTokens} guardrails {result.GuardrailEvents} overrides {result.OverridesChosen} refusals {result.Refusals} answer {result.FinalAnswer?.Text} at {result.FinalAnswer?.StepId} last seq {result.LastSeq}";

    /// <summary>Turns after the sixth step's plan: what a run stopped by a six-step limit still asks for.</summary>
    private const int RemainingTurns = 6;

    /// <summary>
    /// A repaired plan, four identical searches (a loop), an override whose call is refused, a second override, a search
    /// with no result, an answer, one more step after it, and the end: every state a resume restores.
    /// </summary>
    private static ScriptedTurn[] EveryKindOfStep() => new[]
    {
        Planner("""{"steps":[{"step_id":1,"description":"Search.","status":"started"}]}"""),
        Repair(Next("Search for compaction.")),
        Executor(Act("search", Same, Call(1))),
        Planner(Next("Search for compaction.")),
        Executor(Act("search", Same, Call(2))),
        Planner(Next("Search for compaction.")),
        Executor(Act("search", Same, Call(3))),
        Planner(Next("Search for compaction.")),
        Executor(Act("search", Same, Call(4))),
        Planner(Next("Search again with other words.", "change_arguments")),
        Executor(Act("search", Same, Call(5))),
        Planner(Next("Read the chunk instead.", "change_tool")),
        Executor(Act("read_chunk", """{"evidence_id":"guide/compaction.md","chunk_id":"c001"}""", Call(6))),
        Planner(Next("Search for something absent.")),
        Executor(Act("search", """{"query":"zebra"}""", Call(7))),
        Planner(Next("Answer.")),
        Executor(Act("answer", """{"answer":"Compaction fires at 18 counted events or 8 steps.","citations":[{"evidence_id":"guide/compaction.md","chunk_id":"c001","span":{"start":0,"end":10}}]}""", Call(8))),
        Planner(Next("Check storage too.")),
        Executor(Act("search", """{"query":"storage"}""", Call(9))),
        Planner(Done),
    };

    /// <summary>Copies a run event by event, its snapshots as written before <c>run_totals</c> existed, committed with their compaction events.</summary>
    private static async Task CopyWithoutRunTotalsAsync(IRuntimeStore from, IRuntimeStore to, string runId)
    {
        var events = await from.Events.ReadAsync(runId, 1, int.MaxValue);
        long written = 0;
        Guid? latest = null;
        foreach (var snapshot in await from.Snapshots.GetHistoryAsync(runId))
        {
            await to.Events.AppendAsync(runId, written, Prepare(events, written, snapshot.LastSeq));
            await to.CommitCompactionAsync(snapshot with { Json = RunPrefixStore.WithoutRunTotals(snapshot.Json.Span) }, latest, snapshot.LastSeq, Prepare(events, snapshot.LastSeq, snapshot.LastSeq + 2));
            written = snapshot.LastSeq + 2;
            latest = snapshot.SnapshotId;
        }

        await to.Events.AppendAsync(runId, written, Prepare(events, written, events.Count));
        foreach (var artifact in await from.Artifacts.FindByRunAsync(runId))
        {
            await to.Objects.PutAsync(runId, await from.Objects.ReadAsync(runId, artifact.Hash));
            await to.Artifacts.RegisterAsync(artifact);
        }
    }

    private static List<EventToAppend> Prepare(IReadOnlyList<StoredEvent> events, long after, long through)
        => events.Where(e => e.Seq > after && e.Seq <= through).Select(e => new EventToAppend(e.StepId, e.Kind, e.Counted, e.OccurredAt, e.Json)).ToList();

    /// <summary>Plans one more lookup every time; the executor looks up the step it is given. <paramref name="onCall"/> hears each call.</summary>
    private sealed partial class SteppingModel(Func<long>? onCall) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            onCall?.Invoke();
            var text = ModelRequest.Text(messages);
            var reply = ModelRequest.PromptIdOf(options) == "planner"
                ? Next("Look up the next thing.")
                : Act("lookup", "{\"key\":\"" + CallId().Match(text).Groups[1].Value + "\"}", CallId().Match(text).Groups[1].Value);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)) { Usage = new UsageDetails { InputTokenCount = text.Length / 4, OutputTokenCount = reply.Length / 4 } });
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

        [GeneratedRegex("call_id: (call-\\d+)")]
        private static partial Regex CallId();
    }
}
