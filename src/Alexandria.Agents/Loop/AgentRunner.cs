using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Agents.Handoffs;
using Alexandria.Agents.Json;
using Alexandria.Agents.Research;
using Alexandria.Agents.Tools;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Guardrails;
using Alexandria.Runtime.Storage;
using Microsoft.Extensions.AI;

namespace Alexandria.Agents.Loop;

/// <summary>
/// The agent loop, in one place (DOMAIN §4a). Each step: the planner (snapshot + events since + guardrail notices)
/// returns a validated plan → a handoff packet carries one step to the executor → the executor, seeing only its
/// packet, returns a validated tool call → the guarded tool runs → the observation is logged → a handoff packet
/// goes back → the session compacts when due. The run ends when the plan has no step left, or with the status of
/// the limit or refusal that stopped it; it never hangs (wall clock and cancellation reach every model and tool call).
/// </summary>
/// <remarks>
/// Every write goes through <see cref="RunSession"/>, so events are validated, loop detection is fed, and
/// compaction fires at its thresholds exactly as for any other writer. The model is any <see cref="IChatClient"/>.
/// </remarks>
public sealed class AgentRunner
{
    private readonly IRuntimeStore _store;
    private readonly IChatClient _model;
    private readonly ToolRegistry _tools;
    private readonly AgentOptions _options;

    /// <summary>Creates a runner writing to <paramref name="store"/>, asking <paramref name="model"/>, with <paramref name="tools"/>.</summary>
    public AgentRunner(IRuntimeStore store, IChatClient model, ToolRegistry tools, AgentOptions? options = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _options = options ?? AgentOptions.Default;
        _options.Check();
    }

    /// <summary>The built-in research tools over <paramref name="index"/>: <c>search</c>, <c>read_chunk</c>, <c>answer</c>; and <paramref name="more"/> (e.g. MCP server tools).</summary>
    public static ToolRegistry ResearchTools(IDocumentIndex index, IEnumerable<ITool>? more = null)
        => new(new ITool[] { new SearchTool(index), new ReadChunkTool(index), new AnswerTool() }.Concat(more ?? Array.Empty<ITool>()));

    /// <summary>Runs <paramref name="objective"/> as the new run <paramref name="runId"/> until it completes or a limit ends it.</summary>
    /// <exception cref="ArgumentException">The objective is empty or over 4,000 characters, or the run already has events.</exception>
    public async Task<AgentRunResult> RunAsync(string runId, string objective, Action<AgentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(objective) || objective.Length > 4000)
        {
            throw new ArgumentException("The objective must be 1 to 4,000 characters (plan_payload.objective).", nameof(objective));
        }

        var session = await RunSession.OpenAsync(_store, runId, _options.Session, cancellationToken).ConfigureAwait(false);
        if (session.LastSeq > 0)
        {
            throw new ArgumentException($"Run '{runId}' already has {session.LastSeq} events; start a new run id.", nameof(runId));
        }

        return await DriveAsync(new RunState(this, session, objective, progress), (run, token) => run.LoopAsync(token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Continues run <paramref name="runId"/> after a crash or a stop (limit, cancellation): its state is read back from
    /// the log (the latest snapshot and the events since feed the planner as always); the interrupted step is finished
    /// without asking the model again for what the log already holds; a completed tool call is never run again, and an
    /// interrupted one is retried only when its tool is idempotent — otherwise its observation reports it.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="objective">The objective, needed only when the run stopped before its first plan was written (the plans carry it).</param>
    /// <param name="progress">Hears about each thing that happens.</param>
    /// <param name="cancellationToken">Stops the run (status <see cref="AgentRunStatus.Cancelled"/>).</param>
    /// <exception cref="ArgumentException">The run has no events, or no plan and no <paramref name="objective"/> was given.</exception>
    public async Task<AgentRunResult> ResumeAsync(string runId, string? objective = null, Action<AgentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var session = await RunSession.OpenAsync(_store, runId, _options.Session, cancellationToken).ConfigureAwait(false);
        if (session.LastSeq == 0)
        {
            throw new ArgumentException($"Run '{runId}' has no events to resume.", nameof(runId));
        }

        var history = await RunHistory.ReadAsync(session, objective, cancellationToken).ConfigureAwait(false);
        var state = new RunState(this, session, history.Objective, progress);
        state.Restore(history);
        return await DriveAsync(state, (run, token) => run.ResumeAsync(history, token), cancellationToken).ConfigureAwait(false);
    }

    private async Task<AgentRunResult> DriveAsync(RunState run, Func<RunState, CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        using var wallClock = new CancellationTokenSource(_options.Limits.WallClock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wallClock.Token);
        try
        {
            await body(run, linked.Token).ConfigureAwait(false);
            return await run.EndAsync(AgentRunStatus.Completed, "The plan has no step left to run.").ConfigureAwait(false);
        }
        catch (RunEndedException e)
        {
            return await run.EndAsync(e.Status, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await run.EndAsync(AgentRunStatus.Cancelled, "The run was cancelled.").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (wallClock.IsCancellationRequested)
        {
            return await run.EndAsync(AgentRunStatus.WallClockExceeded, $"The run exceeded its wall-clock budget of {_options.Limits.WallClock} (AgentLimits.WallClock).").ConfigureAwait(false);
        }
    }

    /// <summary>The state of one run while it loops.</summary>
    private sealed class RunState
    {
        private readonly AgentRunner _runner;
        private readonly string _objective;
        private readonly Action<AgentProgress>? _progress;
        private readonly RunWriter _writer;
        private readonly RunBudget _budget;
        private readonly Planner _planner;
        private readonly Executor _executor;
        private readonly HandoffChannel _handoffs;
        private readonly ToolGuard _guard;
        private readonly RunEvidenceCheck _evidence;
        private readonly IReadOnlyList<string> _executorTools;
        private readonly List<CompactionOutcome> _compactions = new();
        private PlanPayload? _previousPlan;
        private FinalAnswer? _answer;
        private int _refusals;
        private long _step;

        public RunState(AgentRunner runner, RunSession session, string objective, Action<AgentProgress>? progress)
        {
            _runner = runner;
            _objective = objective;
            _progress = progress;
            var options = runner._options;
            _writer = new RunWriter(session, options.AllowedOverrides, new LoopOverrideEnforcer(options.MaxOverrideViolations));
            _budget = new RunBudget(options.Limits);
            var model = new StructuredModelCall(runner._model, _writer, _budget, options.MaxRepairs, options.OutputSchemas);
            model.Repairing += (step, attempt, errors) => Report(step, "repair", $"attempt {attempt}: {errors[0].ToRepairLine()}");
            _writer.Guarded += (step, outcome) => Report(step, "guardrail", Describe(outcome));
            _planner = new Planner(model, _writer, runner._tools);
            _executor = new Executor(model, runner._tools);
            _handoffs = new HandoffChannel(_writer, options);
            _guard = new ToolGuard(runner._tools, options.Tools);
            _evidence = new RunEvidenceCheck(runner._store, session.RunId);
            _executorTools = (options.ExecutorTools ?? runner._tools.Names).Where(n => runner._tools.Find(n) is not null).OrderBy(n => n, StringComparer.Ordinal).ToList();
        }

        private RunSession Session => _writer.Session;

        private LoopOverrideEnforcer Overrides => _writer.Overrides;

        public void Restore(RunHistory history)
        {
            _writer.Restore(history.LastStepId, history.GuardrailEvents, history.NoticesSinceLastPlan);
            _budget.Restore(history.Steps, history.ModelCalls, history.InputTokens, history.OutputTokens, history.Repairs);
            Overrides.Restore(history.PendingLoop, history.ActiveOverride);
            _previousPlan = history.LastPlan;
            _answer = history.Answer;
        }

        public async Task ResumeAsync(RunHistory history, CancellationToken cancellationToken)
        {
            if (history.LastPlan is { } plan && Planner.NextStep(plan) is null)
            {
                return;
            }

            if (history.Tail is { } tail)
            {
                _step = tail.StepId;
                Report(_step, "resume", tail.Act is null ? "the step had no tool call yet" : tail.Observed ? "the tool call was observed" : tail.ToolStarted ? "the tool call was interrupted" : "the tool call had not started");
                if (tail.Act is null)
                {
                    _budget.BeginStep();
                }

                await RunStepAsync(Planner.NextStep(tail.Plan)!, tail, cancellationToken).ConfigureAwait(false);
            }

            await EndStepAsync(cancellationToken).ConfigureAwait(false);
            await LoopAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task LoopAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _step = _writer.LastStepId + 1;
                var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
                if (plan.ChosenOverride == LoopOverride.AbortRun)
                {
                    throw new RunEndedException(AgentRunStatus.AbortedByOverride, $"The planner chose abort_run in step {_step}.");
                }

                if (Planner.NextStep(plan) is not { } next)
                {
                    return;
                }

                _budget.BeginStep();
                await RunStepAsync(next, tail: null, cancellationToken).ConfigureAwait(false);
                await EndStepAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>After a step: the override budget, then a compaction when one is due.</summary>
        private async Task EndStepAsync(CancellationToken cancellationToken)
        {
            if (Overrides.Exhausted)
            {
                throw new RunEndedException(AgentRunStatus.LoopOverrideIgnored, $"The loop override was ignored {Overrides.Violations} times (AgentOptions.MaxOverrideViolations).");
            }

            // The step's last records (the handoff back) are queued to ride with the next plan; a compaction must see
            // them in the log first. They are verbose and of this step, so they do not change whether one is due.
            if (Session.CompactionDue)
            {
                await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            var compaction = await Session.EndStepAsync(cancellationToken).ConfigureAwait(false);
            if (compaction is not null)
            {
                _compactions.Add(compaction);
                Report(_step, "compaction", compaction.Snapshot is { } s
                    ? $"{AgentJson.Name(compaction.Trigger)}: snapshot covers seq {s.CoveredSeq.First}..{s.CoveredSeq.Last}"
                    : $"{AgentJson.Name(compaction.Trigger)}: rejected ({string.Join("; ", compaction.Verdict.Violations)})", compaction);
            }
        }

        /// <summary>
        /// Ends the run: what is still queued to ride with a next append (a last model call's <c>token_usage</c>, a
        /// handoff the run stopped after) is written first — even after a cancellation, since it already happened.
        /// </summary>
        public async Task<AgentRunResult> EndAsync(AgentRunStatus status, string message)
        {
            await _writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return Result(status, message);
        }

        private AgentRunResult Result(AgentRunStatus status, string message) => new(
            Session.RunId, status, message, _budget.Steps, _budget.Usage, _compactions, _writer.GuardrailEvents, Overrides.Chosen, _refusals, _answer, Session.LastSeq);

        /// <summary>A plan the runtime accepts: schema-valid (with repairs) and answering any pending loop outcome.</summary>
        private async ValueTask<PlanPayload> PlanAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var plan = await _planner.DecideAsync(_step, _objective, cancellationToken).ConfigureAwait(false);
                var pending = Overrides.Pending;
                var problem = Overrides.CheckPlan(plan, _previousPlan);
                if (problem is null)
                {
                    await _writer.AppendAsync(EventDrafts.Plan(_step, plan with { Objective = plan.Objective ?? _objective }), cancellationToken).ConfigureAwait(false);
                    _previousPlan = plan;
                    Report(_step, "plan", () => plan.ChosenOverride is { } chosen
                        ? $"override {AgentJson.Name(chosen)} accepted; next: {Planner.NextStep(plan)?.Description ?? "(done)"}"
                        : $"next: {Planner.NextStep(plan)?.Description ?? "(done)"}");
                    return plan;
                }

                // Not written: a plan that ignores the loop is refused, the outcome is re-issued, the planner asked again.
                await _writer.GuardrailAsync(_step, AgentRole.Planner, null, pending!, cancellationToken).ConfigureAwait(false);
                Report(_step, "loop", "plan refused: " + problem);
                if (Overrides.Exhausted)
                {
                    throw new RunEndedException(AgentRunStatus.LoopOverrideIgnored, $"The planner ignored the loop override {Overrides.Violations} times: {problem}");
                }
            }
        }

        /// <summary>
        /// Carries out <paramref name="next"/>; <paramref name="tail"/> says how far an interrupted run got with it, so a
        /// resumed step skips what the log already holds: an act is never asked for twice, a tool call that completed is
        /// never run again, and one that was interrupted is retried only when its tool is idempotent.
        /// </summary>
        private async Task RunStepAsync(PlanStep next, StepTail? tail, CancellationToken cancellationToken)
        {
            var scope = _runner._options.ExecutorScope;
            var callId = "call-" + _step.ToString("D4", CultureInfo.InvariantCulture);
            var act = tail?.Act;
            if (act is null)
            {
                var toExecutor = await _handoffs.SendAsync(_step, AgentRole.Planner, AgentRole.Executor, _objective, scope, cancellationToken).ConfigureAwait(false);
                await _handoffs.ReceiveAsync(_step, toExecutor, cancellationToken).ConfigureAwait(false);
                act = await _executor.DecideAsync(new ExecutorAssignment(toExecutor, _step, next.Description, callId, _executorTools), cancellationToken).ConfigureAwait(false);
                await _writer.AppendAsync(EventDrafts.Act(_step, act), cancellationToken).ConfigureAwait(false);
            }

            if (tail is not { Observed: true })
            {
                var result = await CallToolAsync(act, scope, interrupted: tail is { ToolStarted: true }, cancellationToken).ConfigureAwait(false);
                await ObserveAsync(act, result, cancellationToken).ConfigureAwait(false);
            }

            var toPlanner = await _handoffs.SendAsync(_step, AgentRole.Executor, AgentRole.Planner, _objective, scope, cancellationToken).ConfigureAwait(false);
            await _handoffs.ReceiveAsync(_step, toPlanner, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The tool call of <paramref name="act"/>, through the override check and the guard. Its <c>tool_call_started</c>
        /// event — the idempotency record, keyed by run and call id — is written before the tool runs.
        /// </summary>
        private async ValueTask<GuardedResult> CallToolAsync(ActPayload act, HandoffScope scope, bool interrupted, CancellationToken cancellationToken)
        {
            var hash = CallHash.Compute(act.ToolName, act.Arguments);
            if (Overrides.Forbids(act.ToolName, hash) is { } forbidden)
            {
                _refusals++;
                var reissued = Overrides.OnRefused();
                await _writer.GuardrailAsync(_step, AgentRole.Executor, act.CallId, reissued, cancellationToken).ConfigureAwait(false);
                return GuardedResult.Refused(forbidden);
            }

            if (interrupted && _runner._tools.Find(act.ToolName) is { IsIdempotent: false })
            {
                Report(_step, "resume", $"{act.ToolName} {act.CallId} was interrupted and is not idempotent: not run again");
                return GuardedResult.Failed($"{act.ToolName} was interrupted when the run stopped and was not run again, because it is not idempotent; check its effect (idempotency key {IdempotencyKey(act.CallId)}) before calling it again.");
            }

            if (!interrupted)
            {
                await _writer.AppendAsync(
                    EventDrafts.ToolCallStarted(_step, new ToolCallStartedPayload { CallId = act.CallId, ToolName = act.ToolName, CallHash = hash }),
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Report(_step, "resume", $"{act.ToolName} {act.CallId} was interrupted and is idempotent: running it again");
            }

            var context = new ToolCallContext(Session.RunId, act.CallId, scope, _evidence) { IdempotencyKey = IdempotencyKey(act.CallId) };
            GuardedResult result;
            using (var span = Providers.AgentTelemetry.StartToolSpan(Session.RunId, _step, act))
            {
                result = await _guard.InvokeAsync(act, _executorTools, context, cancellationToken).ConfigureAwait(false);
                Providers.AgentTelemetry.EndToolSpan(span, result);
            }
            if (result.Refusal is not null)
            {
                _refusals++;
            }
            else
            {
                Overrides.OnExecuted();
            }

            return result;
        }

        private string IdempotencyKey(string callId) => Session.RunId + "/" + callId;

        /// <summary>Records the evidence and the full result, logs the guardrail outcomes, then the observation.</summary>
        private async Task ObserveAsync(ActPayload act, GuardedResult result, CancellationToken cancellationToken)
        {
            var now = Session.Clock.GetUtcNow();
            foreach (var citation in result.Evidence)
            {
                if (citation.ChunkText is null)
                {
                    continue;
                }

                await Session.Artifacts.RecordEvidenceChunkAsync(
                    Session.RunId, _step, citation.Pointer.EvidenceId, citation.Pointer.ChunkId, citation.ChunkText!, now, cancellationToken).ConfigureAwait(false);
            }

            var resultPointer = result.FullResult is { } full
                ? await Session.Artifacts.RecordToolResultAsync(Session.RunId, _step, act.CallId, full, "application/json", now, cancellationToken).ConfigureAwait(false)
                : null;

            if (result.Capped is { } capped)
            {
                await _writer.GuardrailAsync(_step, AgentRole.Executor, act.CallId, capped, cancellationToken).ConfigureAwait(false);
            }

            if (result.Guidance is { } guidance)
            {
                await _writer.GuardrailAsync(_step, AgentRole.Executor, act.CallId, new ZeroResultOutcome { ToolName = act.ToolName, Guidance = guidance }, cancellationToken).ConfigureAwait(false);
            }

            var cited = Math.Min(result.Evidence.Count, 200);
            var evidence = new List<EvidencePointer>(cited);
            for (var i = 0; i < cited; i++)
            {
                evidence.Add(result.Evidence[i].Pointer);
            }

            await _writer.AppendAsync(
                EventDrafts.Observe(_step, new ObservePayload
                {
                    CallId = act.CallId,
                    Status = result.Status,
                    Summary = result.Summary,
                    ResultPointer = resultPointer,
                    Evidence = evidence,
                    Pagination = result.Pagination,
                    ZeroResultGuidance = result.Guidance,
                }),
                cancellationToken).ConfigureAwait(false);

            if (act.ToolName == AnswerTool.ToolName && result.Status == ObserveStatus.Ok && act.Arguments.TryGetProperty("answer", out var text))
            {
                _answer = new FinalAnswer(text.GetString()!, evidence, _step);
            }

            Report(_step, result.Refusal is null ? "observe" : "refused", () => result.Status == ObserveStatus.Error
                ? $"{act.ToolName} → {result.Summary}"
                : $"{act.ToolName} → {AgentJson.Name(result.Status)}" + (result.Pagination is { Truncated: true } page ? $" (page of {page.ReturnedItems}, more behind a cursor)" : ""));
        }

        private static string Describe(GuardrailOutcome outcome) => outcome.Match(
            capped => $"tool_io_capped: {capped.ToolName} returned {capped.Pagination.ReturnedItems} of {capped.Pagination.TotalItems?.ToString(CultureInfo.InvariantCulture) ?? "?"} items, next_cursor {capped.Pagination.NextCursor}",
            zero => $"zero_result: {zero.ToolName} — {string.Join(", ", zero.Guidance.Suggestions.Select(s => AgentJson.Name(s)))}",
            loop => $"loop_detected: {AgentJson.Name(loop.Signal)} {loop.Count} ≥ {loop.Threshold}; the planner must choose one of {string.Join(", ", loop.AllowedOverrides.Select(o => AgentJson.Name(o)))}",
            repair => $"schema_repair failed after attempt {repair.Attempt}: {repair.Errors[0].InstancePointer} {repair.Errors[0].Message}");

        private void Report(long step, string what, string detail, CompactionOutcome? compaction = null)
            => _progress?.Invoke(new AgentProgress(step, what, detail, _budget.Usage, _compactions.Count, Session.LastSeq, compaction));

        /// <summary>Reports a line every step writes: its text is built only when someone listens.</summary>
        private void Report(long step, string what, Func<string> detail)
        {
            if (_progress is not null)
            {
                Report(step, what, detail());
            }
        }
    }
}
