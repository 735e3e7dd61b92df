using System.Linq;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Compaction;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;

namespace Alexandria.Runtime.Orchestration.Tests.Compaction;

/// <summary>What the log accepts, compaction must handle: the appends that would block compaction forever are refused.</summary>
public sealed class UncompactableAppendTests
{
    [Fact]
    public async Task A_step_id_the_latest_snapshot_covers_is_refused_at_its_pointer_and_nothing_is_written()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "reuse", Drafts.ScriptedOptions());
        for (var step = 0; step < 6; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        Assert.NotNull(session.Latest);
        var before = session.LastSeq;

        var refused = await Assert.ThrowsAsync<EventRefusedException>(() => session.AppendAsync(Drafts.Plan(0)));

        Assert.Equal("/step_id", refused.Pointer);
        Assert.Contains("covers steps 0..5", refused.Message, System.StringComparison.Ordinal);
        Assert.Equal(before, session.LastSeq);
        Assert.Equal(before, await temp.Store.Events.GetLastSeqAsync("reuse"));

        // The run goes on with the next step, and the next compaction succeeds.
        for (var step = 6; step < 12; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        Assert.Equal(11, session.Latest!.CoveredSteps.Last);
    }

    [Fact]
    public async Task The_first_plan_must_state_the_objective_later_ones_need_not()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "objective", Drafts.ScriptedOptions());
        var silent = Drafts.Plan(0) with { Payload = Drafts.Plan(0).Payload with { Objective = null } };

        var refused = await Assert.ThrowsAsync<EventRefusedException>(() => session.AppendAsync(silent));
        Assert.Equal("/payload/objective", refused.Pointer);
        Assert.Equal(0, session.LastSeq);

        await session.AppendAsync(Drafts.Plan(0));
        await session.AppendAsync(Drafts.Plan(1) with { Payload = Drafts.Plan(1).Payload with { Objective = null } });
        for (var step = 1; step < 7; step++)
        {
            await Drafts.CompleteStepAsync(session, step);
        }

        Assert.Equal(Drafts.Objective, session.Latest!.Objective);
    }

    [Fact]
    public async Task Steps_before_any_objective_wait_for_it_instead_of_logging_rejected_compactions()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "wait", Drafts.ScriptedOptions());
        for (var step = 0; step < 10; step++)
        {
            Assert.Null(await Drafts.UncountedStepAsync(session, step));
        }

        var outcome = await Drafts.CompleteStepAsync(session, 10);

        Assert.NotNull(outcome);
        Assert.True(outcome!.Written, string.Join("\n", outcome.Verdict.Violations));
        var events = await session.Log.ReadAsync("wait", 1, 1_000);
        Assert.Empty(events.OfKind<CompactionRejectedEvent>());
    }

    [Fact]
    public async Task Retries_of_a_rejected_compaction_back_off_exponentially_instead_of_logging_two_events_per_step()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        // Every snapshot is over this cap, so every compaction is rejected.
        var policy = CompactionPolicy.Default with { InlineBlobCapBytes = 1_024 };
        var session = await RunSession.OpenAsync(temp.Store, "backoff", Drafts.ScriptedOptions(policy));
        for (var step = 0; step < 40; step++)
        {
            await Drafts.CompleteStepAsync(session, step, withEvidence: false);
        }

        var events = await session.Log.ReadAsync("backoff", 1, 1_000);
        // Due from step 5 on; tried at steps 5, 6, 8, 12, 20 and 36 (the next boundary, then every 2nd, 4th, …),
        // not at each of the 35 boundaries.
        Assert.Equal(6, events.OfKind<CompactionRejectedEvent>().Count());
    }
}
