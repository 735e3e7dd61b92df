using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;

namespace Alexandria.Runtime.Orchestration.Tests.Compaction;

public sealed class InvariantGateTests
{
    [Fact]
    public async Task Snapshot_with_dangling_evidence_pointer_is_rejected_and_nothing_is_written()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "dangling", Drafts.ScriptedOptions());
        for (var step = 0; step < 5; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        // Step 5 cites a chunk that was never stored as an artifact.
        await session.AppendAsync(Drafts.Plan(5));
        await session.AppendAsync(Drafts.Act(5));
        await session.AppendAsync(Drafts.Observe(5, evidence: [Drafts.Pointer("docs/missing.md", "c9999", 0, 10)]));
        var outcome = await session.EndStepAsync();

        await AssertRejectedAsync(temp, session, "dangling", outcome, CompactionRejectionReason.InvariantViolated, "does not resolve to a stored artifact");
    }

    [Fact]
    public async Task Snapshot_with_span_outside_its_chunk_is_rejected_and_nothing_is_written()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "span", Drafts.ScriptedOptions());
        for (var step = 0; step < 5; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        await session.Artifacts.RecordEvidenceChunkAsync("span", 5, "docs/short.md", "c0", "ten chars.", DateTimeOffset.UnixEpoch);
        await session.AppendAsync(Drafts.Plan(5));
        await session.AppendAsync(Drafts.Act(5));
        await session.AppendAsync(Drafts.Observe(5, evidence: [Drafts.Pointer("docs/short.md", "c0", 4, 11)]));
        var outcome = await session.EndStepAsync();

        await AssertRejectedAsync(temp, session, "span", outcome, CompactionRejectionReason.InvariantViolated, "does not lie within the chunk's 10 characters");
    }

    [Fact]
    public async Task Snapshot_with_tampered_narrative_is_rejected_and_nothing_is_written()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "narrative", Drafts.ScriptedOptions());
        for (var step = 0; step < 6; step++)
        {
            await AppendStepWithoutCompactingAsync(session, step);
        }

        var outcome = await session.CompactAsync(ContractTrigger.EventThreshold, s => s with { Narrative = s.Narrative + " Also, the model says hello." }, CancellationToken.None);

        await AssertRejectedAsync(temp, session, "narrative", outcome, CompactionRejectionReason.InvariantViolated, "narrative differs from its template rendering");
    }

    [Fact]
    public async Task Snapshot_with_a_range_gap_is_rejected_and_nothing_is_written()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "gap", Drafts.ScriptedOptions());
        for (var step = 0; step < 6; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        var parent = session.Latest!;
        for (var step = 6; step < 12; step++)
        {
            await AppendStepWithoutCompactingAsync(session, step);
        }

        var outcome = await session.CompactAsync(
            ContractTrigger.EventThreshold,
            s => s with { CoveredSeq = new SeqRange { First = s.CoveredSeq.First + 2, Last = s.CoveredSeq.Last } },
            CancellationToken.None);

        Assert.False(outcome.Written);
        Assert.Contains(outcome.Verdict.Violations, v => v.Contains("right after the parent's range", StringComparison.Ordinal));
        var history = await temp.Store.Snapshots.GetHistoryAsync("gap");
        Assert.Single(history);
        Assert.Equal(parent.SnapshotId, (await temp.Store.Snapshots.GetLatestAsync("gap"))!.SnapshotId);
    }

    [Fact]
    public async Task Snapshot_that_fails_the_generated_validator_is_rejected_as_schema_invalid()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "schema", Drafts.ScriptedOptions());
        for (var step = 0; step < 6; step++)
        {
            await AppendStepWithoutCompactingAsync(session, step);
        }

        var outcome = await session.CompactAsync(ContractTrigger.Manual, s => s with { Objective = "" }, CancellationToken.None);

        await AssertRejectedAsync(temp, session, "schema", outcome, CompactionRejectionReason.SchemaInvalid, "/objective");
    }

    [Fact]
    public async Task Rejected_window_is_compacted_again_at_the_next_step_boundary()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "retry", Drafts.ScriptedOptions());
        for (var step = 0; step < 6; step++)
        {
            await AppendStepWithoutCompactingAsync(session, step);
        }

        var rejected = await session.CompactAsync(ContractTrigger.EventThreshold, s => s with { Narrative = "forged" }, CancellationToken.None);
        var retried = await Drafts.CompleteStepAsync(session, 6);

        Assert.False(rejected.Written);
        Assert.NotNull(retried);
        Assert.True(retried!.Written, string.Join("\n", retried.Verdict.Violations));
        Assert.Equal(1, retried.Snapshot!.CoveredSeq.First);
        Assert.Equal(21, retried.Snapshot.CountedEvents);
    }

    private static async Task AppendStepWithoutCompactingAsync(RunSession session, long step)
    {
        var text = $"Evidence of step {step}.";
        await session.Artifacts.RecordEvidenceChunkAsync(session.RunId, step, "docs/e.md", $"c{step}", text, DateTimeOffset.UnixEpoch);
        await session.AppendAsync(Drafts.Plan(step));
        await session.AppendAsync(Drafts.Act(step));
        await session.AppendAsync(Drafts.Observe(step, evidence: [Drafts.Pointer("docs/e.md", $"c{step}", 0, text.Length)]));
    }

    private static async Task AssertRejectedAsync(
        TemporaryStore temp, RunSession session, string runId, CompactionOutcome? outcome, CompactionRejectionReason reason, string violation)
    {
        Assert.NotNull(outcome);
        Assert.False(outcome!.Written);
        Assert.Equal(reason, outcome.Verdict.Reason);
        Assert.Contains(outcome.Verdict.Violations, v => v.Contains(violation, StringComparison.Ordinal));

        Assert.Empty(await temp.Store.Snapshots.GetHistoryAsync(runId));
        Assert.Null(await temp.Store.Snapshots.GetLatestAsync(runId));

        var events = await session.Log.ReadAsync(runId, 1, 1000);
        var tail = events.Select(e => e.Stored.Kind).TakeLast(2).ToArray();
        Assert.Equal(["compaction_started", "compaction_rejected"], tail);
        var logged = events.OfKind<CompactionRejectedEvent>().Single();
        Assert.Equal(reason, logged.Payload.Reason);
        Assert.Contains(logged.Payload.Violations, v => v.Contains(violation, StringComparison.Ordinal));
        Assert.False(events[^1].Stored.Counted);
        Assert.DoesNotContain(events, e => e.Stored.Kind == "compaction_finished");
    }
}
