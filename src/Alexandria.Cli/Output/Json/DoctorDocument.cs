using System.Collections.Generic;

namespace Alexandria.Cli.Output.Json;

/// <summary><c>alexandria doctor --output json</c>: every finding, and where quarantined runs went.</summary>
/// <param name="Damaged">True when a run is corrupt or tampered (exit code 1; 0 otherwise).</param>
internal sealed record DoctorDocument(string Store, bool Damaged, IReadOnlyList<DoctorFinding> Findings, IReadOnlyList<DoctorQuarantine> Quarantined);

/// <param name="Kind">torn_tail, corruption, tampered or stray.</param>
/// <param name="Offset">Byte offset of the damage in <paramref name="Path"/>, when known.</param>
internal sealed record DoctorFinding(string? RunId, string Kind, string Path, long? Offset, string Message);

internal sealed record DoctorQuarantine(string RunId, string MovedTo);
