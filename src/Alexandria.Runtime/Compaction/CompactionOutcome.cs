using Alexandria.Contracts;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;

namespace Alexandria.Runtime.Compaction;

/// <summary>What one compaction attempt did.</summary>
/// <param name="Trigger">Why it ran.</param>
/// <param name="Snapshot">The snapshot written; null when the gate rejected it.</param>
/// <param name="Verdict">The invariant gate's verdict.</param>
public sealed record CompactionOutcome(ContractTrigger Trigger, CompactionSnapshot? Snapshot, GateVerdict Verdict)
{
    /// <summary>True when a snapshot was written.</summary>
    public bool Written => Snapshot is not null;
}
