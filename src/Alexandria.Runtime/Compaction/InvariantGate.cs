using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Contracts.Validation;
using Alexandria.Runtime.Artifacts;
using Alexandria.Runtime.Json;

namespace Alexandria.Runtime.Compaction;

/// <summary>
/// The hard gate a snapshot passes before anything is written (DOMAIN §2): it validates against the
/// generated <c>CompactionSnapshotValidator</c>, its ranges are contiguous with the parent and match
/// its window, every evidence pointer resolves to a stored artifact and span, its narrative equals
/// the template rendering, and nothing inline is over the cap.
/// </summary>
public sealed class InvariantGate
{
    private readonly CompactionPolicy _policy;
    private readonly EvidenceResolver _evidence;

    /// <summary>Creates the gate for <paramref name="policy"/>, resolving evidence through <paramref name="evidence"/>.</summary>
    public InvariantGate(CompactionPolicy policy, EvidenceResolver evidence)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _evidence = evidence ?? throw new ArgumentNullException(nameof(evidence));
    }

    /// <summary>
    /// Checks <paramref name="candidate"/> (serialized as <paramref name="json"/>) against the
    /// <paramref name="window"/> it claims to cover.
    /// </summary>
    public async Task<GateVerdict> CheckAsync(CompactionSnapshot candidate, ReadOnlyMemory<byte> json, CompactionWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(window);

        // The streaming check (no allocation) decides; only a refused snapshot pays for the error report.
        var schemaViolations = CompactionSnapshotValidator.IsValid(json.Span)
            ? new List<string>()
            : CompactionSnapshotValidator.Validate(json.Span).Errors.Select(e => $"{(e.InstancePointer.Length == 0 ? "(root)" : e.InstancePointer)}: {e.Keyword}: {e.Message}").ToList();

        var violations = new List<string>();
        CheckIdentity(candidate, window, violations);
        CheckRanges(candidate, window, violations);
        CheckNarrative(candidate, violations);

        if (json.Length > _policy.InlineBlobCapBytes)
        {
            violations.Add($"The snapshot is {json.Length} bytes, over the {_policy.InlineBlobCapBytes}-byte inline cap.");
        }

        var pointers = candidate.Findings.SelectMany((finding, i) =>
            finding.Evidence.Select((pointer, j) => ($"/findings/{Num(i)}/evidence/{Num(j)}", pointer)));
        violations.AddRange(await _evidence.FindUnresolvedAsync(candidate.RunId, pointers, cancellationToken).ConfigureAwait(false));

        if (schemaViolations.Count > 0)
        {
            return new GateVerdict(CompactionRejectionReason.SchemaInvalid, schemaViolations.Concat(violations).ToList());
        }

        return violations.Count > 0
            ? new GateVerdict(CompactionRejectionReason.InvariantViolated, violations)
            : new GateVerdict(null, Array.Empty<string>());
    }

    private static void CheckIdentity(CompactionSnapshot candidate, CompactionWindow window, List<string> violations)
    {
        if (!string.Equals(candidate.RunId, window.RunId, StringComparison.Ordinal))
        {
            violations.Add($"run_id is '{candidate.RunId}' but the window belongs to run '{window.RunId}'.");
        }

        var parentId = window.Parent?.SnapshotId;
        if (candidate.ParentSnapshotId != parentId)
        {
            violations.Add($"parent_snapshot_id is {Describe(candidate.ParentSnapshotId)} but the latest snapshot is {Describe(parentId)}.");
        }

        var expectedId = NameBasedUuid.ForSnapshot(window.RunId, candidate.CoveredSeq.Last);
        if (candidate.SnapshotId != expectedId)
        {
            violations.Add($"snapshot_id is {candidate.SnapshotId} but a snapshot of run '{window.RunId}' ending at seq {Num(candidate.CoveredSeq.Last)} is {expectedId}.");
        }
    }

    private static void CheckRanges(CompactionSnapshot candidate, CompactionWindow window, List<string> violations)
    {
        var parent = window.Parent;
        var seq = candidate.CoveredSeq;
        var expectedFirst = (parent?.CoveredSeq.Last ?? 0) + 1;
        if (seq.First != expectedFirst)
        {
            violations.Add($"covered_seq starts at {Num(seq.First)} but must start at {Num(expectedFirst)}, right after the parent's range.");
        }

        if (seq.First > seq.Last)
        {
            violations.Add($"covered_seq [{Num(seq.First)}, {Num(seq.Last)}] is empty or reversed.");
        }

        if (window.Events.Count > 0 && (seq.First != window.FirstSeq || seq.Last != window.LastSeq))
        {
            violations.Add($"covered_seq [{Num(seq.First)}, {Num(seq.Last)}] differs from the events folded, [{Num(window.FirstSeq)}, {Num(window.LastSeq)}].");
        }

        var steps = candidate.CoveredSteps;
        if (steps.First > steps.Last)
        {
            violations.Add($"covered_steps [{Num(steps.First)}, {Num(steps.Last)}] is reversed.");
        }

        if (parent is not null && steps.First != parent.CoveredSteps.Last + 1)
        {
            violations.Add($"covered_steps starts at {Num(steps.First)} but must start at {Num(parent.CoveredSteps.Last + 1)}, right after the parent's steps.");
        }

        var counted = window.Events.Count(e => e.IsCounted);
        if (candidate.CountedEvents != counted)
        {
            violations.Add($"counted_events is {Num(candidate.CountedEvents)} but the covered events hold {Num(counted)} counted events.");
        }
    }

    private static void CheckNarrative(CompactionSnapshot candidate, List<string> violations)
    {
        if (candidate.Narrative is null)
        {
            if (candidate.NarrativeTemplateId is not null)
            {
                violations.Add("narrative_template_id is set but there is no narrative.");
            }

            return;
        }

        if (!string.Equals(candidate.NarrativeTemplateId, SnapshotNarrative.TemplateId, StringComparison.Ordinal))
        {
            violations.Add($"narrative_template_id is '{candidate.NarrativeTemplateId}' but narratives come only from '{SnapshotNarrative.TemplateId}'.");
            return;
        }

        var expected = SnapshotNarrative.Render(candidate);
        if (!string.Equals(candidate.Narrative, expected, StringComparison.Ordinal))
        {
            var at = FirstDifference(candidate.Narrative, expected);
            violations.Add($"narrative differs from its template rendering at character {Num(at)}.");
        }
    }

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return length;
    }

    private static string Describe(Guid? id) => id?.ToString() ?? "null";

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
