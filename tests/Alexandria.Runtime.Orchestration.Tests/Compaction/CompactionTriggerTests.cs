using System.Linq;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Json;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;
using ContractTrigger = Alexandria.Contracts.CompactionTrigger;
using Trigger = Alexandria.Runtime.Compaction.CompactionTrigger;

namespace Alexandria.Runtime.Orchestration.Tests.Compaction;

public sealed class CompactionTriggerTests
{
    [Fact]
    public void Trigger_is_not_due_at_17_counted_events_and_due_at_18()
    {
        Assert.Null(Trigger.Evaluate(CompactionPolicy.Default, 17, 6));
        Assert.Equal(ContractTrigger.EventThreshold, Trigger.Evaluate(CompactionPolicy.Default, 18, 6));
    }

    [Fact]
    public void Trigger_falls_back_to_8_steps_when_counted_events_lag()
    {
        Assert.Null(Trigger.Evaluate(CompactionPolicy.Default, 3, 7));
        Assert.Equal(ContractTrigger.StepFallback, Trigger.Evaluate(CompactionPolicy.Default, 3, 8));
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var policy = new CompactionPolicy { EventThreshold = 6, StepFallback = 3 };
        Assert.Equal(ContractTrigger.EventThreshold, Trigger.Evaluate(policy, 6, 2));
        Assert.Equal(ContractTrigger.StepFallback, Trigger.Evaluate(policy, 0, 3));
    }

    [Fact]
    public async Task Compaction_fires_at_exactly_18_counted_events()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "exact-18", Drafts.ScriptedOptions());

        for (var step = 0; step < 5; step++)
        {
            Assert.Null(await Drafts.CompleteStepAsync(session, step, verbose: true));
        }

        Assert.Equal(15, session.CountedEventsSinceSnapshot);
        var outcome = await Drafts.CompleteStepAsync(session, 5, verbose: true);

        Assert.NotNull(outcome);
        Assert.True(outcome!.Written, string.Join("\n", outcome.Verdict.Violations));
        Assert.Equal(ContractTrigger.EventThreshold, outcome.Trigger);
        Assert.Equal(18, outcome.Snapshot!.CountedEvents);
        Assert.Equal(1, outcome.Snapshot.CoveredSeq.First);
        Assert.Equal(24, outcome.Snapshot.CoveredSeq.Last); // 6 steps x (3 counted + 1 token_usage)
        Assert.Equal(0, outcome.Snapshot.CoveredSteps.First);
        Assert.Equal(5, outcome.Snapshot.CoveredSteps.Last);

        var history = await temp.Store.Snapshots.GetHistoryAsync("exact-18");
        Assert.Single(history);
        var events = await session.Log.ReadAsync("exact-18", 1, 100);
        Assert.Equal(["compaction_started", "compaction_finished"], events.Where(e => e.Seq > 24).Select(e => e.Stored.Kind));
    }

    [Fact]
    public async Task Second_snapshot_follows_its_parent_with_contiguous_ranges()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "chain", Drafts.ScriptedOptions());

        CompactionOutcome? first = null, second = null;
        for (var step = 0; step < 12; step++)
        {
            var outcome = await Drafts.CompleteStepAsync(session, step);
            if (outcome is not null)
            {
                if (first is null) first = outcome; else second = outcome;
            }
        }

        Assert.NotNull(second);
        Assert.True(second!.Written, string.Join("\n", second.Verdict.Violations));
        Assert.Equal(first!.Snapshot!.SnapshotId, second.Snapshot!.ParentSnapshotId);
        Assert.Equal(first.Snapshot.CoveredSeq.Last + 1, second.Snapshot.CoveredSeq.First);
        Assert.Equal(first.Snapshot.CoveredSteps.Last + 1, second.Snapshot.CoveredSteps.First);
        Assert.Equal(18, second.Snapshot.CountedEvents);
        Assert.Equal(12, second.Snapshot.Findings.Count); // full, not a delta: the parent's findings are carried
    }

    [Fact]
    public async Task Compaction_fires_at_8_steps_when_counted_events_are_missing()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "fallback", Drafts.ScriptedOptions());

        Assert.Null(await Drafts.CompleteStepAsync(session, 0));
        for (var step = 1; step < 7; step++)
        {
            Assert.Null(await Drafts.UncountedStepAsync(session, step));
        }

        var outcome = await Drafts.UncountedStepAsync(session, 7);

        Assert.NotNull(outcome);
        Assert.True(outcome!.Written, string.Join("\n", outcome.Verdict.Violations));
        Assert.Equal(ContractTrigger.StepFallback, outcome.Trigger);
        Assert.Equal(3, outcome.Snapshot!.CountedEvents);
        Assert.Equal(0, outcome.Snapshot.CoveredSteps.First);
        Assert.Equal(7, outcome.Snapshot.CoveredSteps.Last);
        var started = (await session.Log.ReadAsync("fallback", 1, 100)).OfKind<CompactionStartedEvent>().Single();
        Assert.Equal(8, started.Payload.StepsSinceSnapshot);
        Assert.Equal(ContractTrigger.StepFallback, started.Payload.Trigger);
    }

    [Fact]
    public async Task Snapshot_narrative_is_its_template_rendering()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "narrative", Drafts.ScriptedOptions());
        CompactionOutcome? outcome = null;
        for (var step = 0; step < 6; step++)
        {
            outcome = await Drafts.CompleteStepAsync(session, step);
        }

        var snapshot = outcome!.Snapshot!;
        Assert.Equal("snapshot_narrative", snapshot.NarrativeTemplateId);
        Assert.Equal(SnapshotNarrative.Render(snapshot), snapshot.Narrative);
        Assert.StartsWith("Objective: " + Drafts.Objective, snapshot.Narrative);
        Assert.Equal(NameBasedUuid.ForSnapshot("narrative", snapshot.CoveredSeq.Last), snapshot.SnapshotId);
        Assert.Equal(snapshot.CreatedAt, (await session.Log.ReadAsync("narrative", snapshot.CoveredSeq.Last, 1))[0].Event.OccurredAt);
    }
}
