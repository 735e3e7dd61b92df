using System.Collections.Generic;
using Alexandria.Contracts;

namespace Alexandria.Runtime.Compaction;

/// <summary>
/// What the <see cref="InvariantGate"/> decided: passed, or rejected with the contract's reason
/// class and every violation found.
/// </summary>
/// <param name="Reason">Null when the snapshot passed; otherwise <c>schema_invalid</c> when the generated validator failed, else <c>invariant_violated</c>.</param>
/// <param name="Violations">Every violation, human-readable; empty when passed.</param>
public sealed record GateVerdict(CompactionRejectionReason? Reason, IReadOnlyList<string> Violations)
{
    /// <summary>True when nothing was violated and the snapshot may be written.</summary>
    public bool Passed => Reason is null;
}
