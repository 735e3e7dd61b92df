using System.Linq;
using System.Text.Json;
using Alexandria.Runtime.Guardrails;

namespace Alexandria.Runtime.Orchestration.Tests.Guardrails;

public sealed class LoopDetectorTests
{
    private static JsonElement Args(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void Five_identical_consecutive_calls_raise_a_loop_signal()
    {
        var detector = new LoopDetector();
        for (var i = 0; i < 4; i++)
        {
            Assert.DoesNotContain(detector.OnAct("c" + i, "docs.search", Args("""{"q":"x","limit":5}""")), s => s.Kind == LoopSignalKind.IdenticalConsecutiveCalls);
        }

        // Same call with members reordered and 5.0 for 5: canonical arguments make it identical.
        var signal = Assert.Single(detector.OnAct("c4", "docs.search", Args("""{"limit":5.0,"q":"x"}""")), s => s.Kind == LoopSignalKind.IdenticalConsecutiveCalls);
        Assert.Equal(5, signal.Count);
        Assert.Equal(5, detector.ConsecutiveIdenticalCalls);
    }

    [Fact]
    public void A_loop_signal_fires_again_on_every_call_while_the_loop_continues()
    {
        var detector = new LoopDetector();
        var fired = Enumerable.Range(0, 8)
            .Select(i => detector.OnAct("c" + i, "docs.search", Args("""{"q":"x"}""")).Count(s => s.Kind == LoopSignalKind.IdenticalConsecutiveCalls))
            .ToList();

        Assert.Equal(new[] { 0, 0, 0, 0, 1, 1, 1, 1 }, fired);
        Assert.DoesNotContain(detector.OnAct("c8", "docs.read", Args("{}")), s => s.Kind == LoopSignalKind.IdenticalConsecutiveCalls);
    }

    [Fact]
    public void Three_identical_failing_actions_raise_a_loop_signal()
    {
        var detector = new LoopDetector();
        var signals = Enumerable.Range(0, 3).SelectMany(i =>
        {
            detector.OnAct("c" + i, "metrics.query", Args("""{"series":"hits"}"""));
            return detector.OnObserve("c" + i, "error", "timeout");
        }).ToList();

        Assert.Contains(signals, s => s.Kind == LoopSignalKind.RepeatedFailingAction && s.Count == 3);
        Assert.Equal(3, detector.FailingIdenticalActions);
    }

    [Fact]
    public void Four_identical_action_observation_pairs_raise_a_loop_signal()
    {
        var detector = new LoopDetector();
        var signals = Enumerable.Range(0, 4).SelectMany(i =>
        {
            detector.OnAct("c" + i, "docs.read", Args("""{"path":"a.md"}"""));
            return detector.OnObserve("c" + i, "ok", "same content");
        }).ToList();

        Assert.Contains(signals, s => s.Kind == LoopSignalKind.IdenticalActionObservationPairs && s.Count == 4);
    }

    [Fact]
    public void AB_alternation_over_six_steps_raises_a_loop_signal()
    {
        var detector = new LoopDetector();
        var signals = Enumerable.Range(0, 6)
            .SelectMany(i => detector.OnAct("c" + i, i % 2 == 0 ? "docs.read" : "docs.search", Args("{}")))
            .ToList();

        Assert.Contains(signals, s => s.Kind == LoopSignalKind.AbAlternation && s.Count == 6);
        Assert.Equal(6, detector.AlternationLength);
    }

    [Fact]
    public void Chosen_override_stays_in_force_until_the_run_calls_something_else()
    {
        var detector = new LoopDetector();
        detector.OnAct("c0", "metrics.query", Args("{}"));
        detector.OnPlan("change_tool");
        Assert.Equal("change_tool", detector.ActiveOverride);

        detector.OnAct("c1", "docs.read", Args("{}"));
        Assert.Null(detector.ActiveOverride);
    }
}
