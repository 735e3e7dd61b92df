using Alexandria.Runtime.Compaction;

namespace Alexandria.Agents.Loop;

/// <summary>A live progress report: what just happened, and the run's counters at that moment.</summary>
/// <param name="StepId">The step.</param>
/// <param name="What">What happened: <c>plan</c>, <c>repair</c>, <c>observe</c>, <c>refused</c>, <c>loop</c>, <c>compaction</c>.</param>
/// <param name="Detail">One line about it (tool and status, the override, the compaction range…).</param>
/// <param name="Usage">Model calls, tokens and repairs so far.</param>
/// <param name="Compactions">Compactions so far.</param>
/// <param name="LastSeq">The last seq written.</param>
/// <param name="Compaction">The compaction that just ran, for <c>compaction</c> reports.</param>
public sealed record AgentProgress(long StepId, string What, string Detail, ModelUsage Usage, int Compactions, long LastSeq, CompactionOutcome? Compaction = null);
