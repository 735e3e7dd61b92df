using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Alexandria.Contracts;
using Alexandria.Runtime.Events;
using Alexandria.Runtime.Orchestration.Tests.Infrastructure;

namespace Alexandria.Runtime.Orchestration.Tests.Events;

public sealed class TypedEventLogTests
{
    [Fact]
    public async Task Counted_flag_is_taken_from_the_contract_taxonomy()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "counted", Drafts.ScriptedOptions());
        await Drafts.CompleteStepAsync(session, 0, verbose: true);

        var events = await session.Log.ReadAsync("counted", 1, 10);

        Assert.Equal(
            [("plan", true), ("act", true), ("token_usage", false), ("observe", true)],
            events.Select(e => (e.Stored.Kind, e.Stored.Counted)));
        Assert.All(events, e => Assert.Equal(e.Event.IsCounted, e.Stored.Counted));
    }

    [Fact]
    public async Task Event_that_fails_the_generated_validator_is_not_written()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "invalid", Drafts.ScriptedOptions());
        await session.AppendAsync(Drafts.Plan(0));

        var bad = Drafts.Act(0) with { Payload = Drafts.Act(0).Payload with { ToolName = "Not A Tool Name" } };
        var error = await Assert.ThrowsAsync<EventValidationException>(() => session.AppendAsync(bad));

        Assert.Contains(error.Errors, e => e.StartsWith("/payload/tool_name", StringComparison.Ordinal));
        Assert.Equal(1, await temp.Store.Events.GetLastSeqAsync("invalid"));
        Assert.Equal(1, session.LastSeq);
    }

    [Fact]
    public async Task Event_over_the_inline_cap_is_refused_and_not_written()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "oversized", Drafts.ScriptedOptions());
        var steps = Enumerable.Range(0, 100)
            .Select(i => new PlanStep { StepId = i, Description = new string('x', 990) + i, Status = PlanStepStatus.Pending })
            .ToList();
        var plan = Drafts.Plan(0) with { Payload = Drafts.Plan(0).Payload with { Steps = steps } };

        await Assert.ThrowsAsync<InlinePayloadTooLargeException>(() => session.AppendAsync(plan));

        Assert.Equal(0, await temp.Store.Events.GetLastSeqAsync("oversized"));
    }

    [Fact]
    public async Task Appended_events_are_stamped_with_gapless_seqs_and_name_based_ids()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var session = await RunSession.OpenAsync(temp.Store, "stamped", Drafts.ScriptedOptions());
        await Drafts.CompleteStepAsync(session, 0);

        var events = await session.Log.ReadAsync("stamped", 1, 10);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Seq));
        Assert.All(events, e => Assert.Equal("stamped", e.Event.RunId));
        Assert.All(events, e => Assert.Equal(Runtime.Json.NameBasedUuid.ForEvent("stamped", e.Seq), e.Event.EventId));
        Assert.True(events[1].Event.OccurredAt > events[0].Event.OccurredAt);
    }

    [Fact]
    public async Task Reopened_session_continues_the_window_where_the_run_left_off()
    {
        await using var temp = await TemporaryStore.CreateAsync();
        var first = await RunSession.OpenAsync(temp.Store, "reopen", Drafts.ScriptedOptions());
        for (var step = 0; step < 4; step++)
        {
            await Drafts.CompleteStepAsync(first, step);
        }

        var second = await RunSession.OpenAsync(temp.Store, "reopen", Drafts.ScriptedOptions());
        Assert.Equal(first.LastSeq, second.LastSeq);
        Assert.Equal(12, second.CountedEventsSinceSnapshot);
        Assert.Null(await Drafts.CompleteStepAsync(second, 4));
        var outcome = await Drafts.CompleteStepAsync(second, 5);
        Assert.Equal(18, outcome!.Snapshot!.CountedEvents);
    }
}
