using System.Collections.Generic;

namespace Alexandria.Cli.Output.Json;

/// <summary><c>alexandria contracts diff --output json</c>: every change with its severity and place, and the totals.</summary>
/// <param name="Baseline">What the contracts were compared with (the lock file name or <c>git ref '…'</c>).</param>
/// <param name="Contracts">Contracts compared.</param>
/// <param name="Breaking">Findings of severity <c>error</c> (the exit code is 1 when this is not 0).</param>
/// <param name="Accepted">Breaking changes accepted by a version bump (ALX0480).</param>
/// <param name="Compatible">Compatible changes (ALX0481).</param>
/// <param name="Warnings">Findings of severity <c>warning</c>.</param>
/// <param name="Problems">Contracts that could not be read (the exit code is 2 when there is any).</param>
internal sealed record DiffDocument(string Baseline, int Contracts, int Breaking, int Accepted, int Compatible, int Warnings, IReadOnlyList<string> Problems, IReadOnlyList<DiffChange> Changes);

/// <summary>One finding: rule id, <c>error</c>/<c>warning</c>/<c>info</c>, and where in which contract file.</summary>
internal sealed record DiffChange(string Id, string Severity, string File, int Line, int Column, string Message);
