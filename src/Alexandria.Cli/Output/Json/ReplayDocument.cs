using System;
using System.Collections.Generic;

namespace Alexandria.Cli.Output.Json;

/// <summary><c>alexandria replay --output json</c>: whether every stored snapshot matches its rebuild from the log.</summary>
/// <param name="Verified">True when nothing differs (exit code 0; 1 otherwise).</param>
/// <param name="Mismatches">Each difference: the snapshot, the first differing JSON pointer and what differs.</param>
internal sealed record ReplayDocument(string RunId, string Source, long EventsRead, int SnapshotsChecked, bool Verified, IReadOnlyList<ReplayMismatch> Mismatches);

internal sealed record ReplayMismatch(Guid SnapshotId, string Pointer, string Reason);
