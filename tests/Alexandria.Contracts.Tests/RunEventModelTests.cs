using System;
using System.Linq;
using System.Text.Json;

namespace Alexandria.Contracts.Tests;

/// <summary>The typed event model exposes the contract's facts: which kinds are counted, and the envelope on every event.</summary>
public sealed class RunEventModelTests
{
    private static readonly Guid EventId = Guid.Parse("3f2b8c1e-7a4d-4e9b-9c61-2d5e8f0a1b23");

    [Fact]
    public void Plan_act_and_observe_are_the_only_counted_kinds()
    {
        var counted = RunEvent.KindValues.Where(RunEvent.IsCountedKind).ToList();

        Assert.Equal(new[] { "plan", "act", "observe" }, counted);
        Assert.Equal(14, RunEvent.KindValues.Count);
    }

    [Fact]
    public void Counted_cases_say_so_and_verbose_cases_do_not()
    {
        RunEvent plan = new PlanEvent
        {
            EventId = EventId, RunId = "r", Seq = 1, StepId = 0, AgentRole = AgentRole.Planner, OccurredAt = DateTimeOffset.UnixEpoch,
            Payload = new PlanPayload { Steps = [new PlanStep { StepId = 0, Description = "d", Status = PlanStepStatus.Pending }] },
        };
        RunEvent usage = new TokenUsageEvent
        {
            EventId = EventId, RunId = "r", Seq = 2, StepId = 0, AgentRole = AgentRole.Executor, OccurredAt = DateTimeOffset.UnixEpoch,
            Payload = new TokenUsagePayload { InputTokens = 1, OutputTokens = 2, CachedTokens = 0 },
        };

        Assert.True(plan.IsCounted);
        Assert.False(usage.IsCounted);
        Assert.Equal("plan", plan.Kind);
        Assert.Equal("token_usage", usage.Kind);
        Assert.Equal(RunEvent.IsCountedKind(usage.Kind), usage.IsCounted);
    }

    [Fact]
    public void Every_case_reports_the_counted_flag_its_kind_has()
    {
        foreach (var (file, definition) in ContractExamples.Valid().Where(e => e.Definition == "run_event"))
        {
            var value = JsonSerializer.Deserialize<RunEvent>(ContractExamples.Read(file), OutputSchemaJson.Options)!;

            Assert.Equal(RunEvent.IsCountedKind(value.Kind), value.IsCounted);
            Assert.Equal(value.Kind is "plan" or "act" or "observe", value.IsCounted);
        }
    }

    [Fact]
    public void An_unknown_kind_is_not_silently_treated_as_verbose()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RunEvent.IsCountedKind("planned"));
    }

    [Fact]
    public void Match_reaches_the_case_and_the_envelope_is_on_the_base()
    {
        var json = ContractExamples.Read("run_event.valid.1.json");

        var value = JsonSerializer.Deserialize<RunEvent>(json, OutputSchemaJson.Options)!;
        var steps = value.Match(
            plan => plan.Payload.Steps.Count, act => -1, observe => -1, planDelta => -1, started => -1, chunk => -1, usage => -1,
            guardrail => -1, sent => -1, received => -1, compactionStarted => -1, finished => -1, rejected => -1, repair => -1);

        Assert.Equal(3, steps);
        Assert.Equal(1, value.Seq);
        Assert.Equal(TimeSpan.Zero, value.OccurredAt.Offset);
    }
}
