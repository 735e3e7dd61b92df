using System;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Alexandria.Contracts.Tests;

/// <summary>
/// Issue 12, item 5: the errors the real contract's <see cref="RunEventValidator"/> reports for a union of 14 kinds.
/// An unknown kind is one error at <c>/kind</c>, a known kind reports only its own case's errors, a refused
/// member is reported at the member, and <c>Errors[0]</c> is the most specific error.
/// </summary>
public sealed class RunEventErrorTests
{
    private static readonly string[] Kinds =
    [
        "plan", "act", "observe", "plan_delta", "tool_call_started", "tool_call_chunk", "token_usage", "guardrail_triggered",
        "handoff_sent", "handoff_received", "compaction_started", "compaction_finished", "compaction_rejected", "repair_attempted",
    ];

    private static JsonObject Example() => JsonNode.Parse(ContractExamples.Read("run_event.valid.1.json"))!.AsObject();

    private static Validation.ValidationResult Validate(JsonObject instance) => RunEventValidator.Validate(Encoding.UTF8.GetBytes(instance.ToJsonString()));

    [Fact]
    public void An_unknown_kind_is_one_error_at_kind_naming_the_value_and_every_allowed_kind()
    {
        var instance = Example();
        instance["kind"] = "plann";

        var error = Assert.Single(Validate(instance).Errors);

        Assert.Equal(("/kind", "const"), (error.InstancePointer, error.Keyword));
        Assert.Equal("\"plann\" is not a known \"kind\" (allowed: " + string.Join(", ", Kinds.Select(k => "\"" + k + "\"")) + ")", error.Message);
        Assert.False(RunEventValidator.IsValid(Encoding.UTF8.GetBytes(instance.ToJsonString())));
    }

    [Fact]
    public void A_missing_kind_is_one_error_at_the_event()
    {
        var instance = Example();
        instance.Remove("kind");

        var error = Assert.Single(Validate(instance).Errors);

        Assert.Equal(("", "required"), (error.InstancePointer, error.Keyword));
        Assert.StartsWith("missing required member \"kind\" (one of \"plan\", \"act\",", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_kind_reports_only_its_case_errors_leaf_first()
    {
        var instance = Example();
        instance["payload"]!["steps"]![1]!["status"] = "paused";
        instance["seq"] = 0;

        var errors = Validate(instance).Errors;

        Assert.Equal(["/seq minimum", "/payload/steps/1/status enum", " oneOf"], errors.Select(e => e.InstancePointer + " " + e.Keyword));
        Assert.Equal("0 is less than the minimum 1", errors[0].Message);
        Assert.DoesNotContain(errors, e => e.Keyword == "const");
    }

    [Fact]
    public void A_member_no_case_declares_is_reported_at_the_member_naming_the_allowed_members()
    {
        var instance = Example();
        instance["note"] = "x";

        var errors = Validate(instance).Errors;

        Assert.Equal(["/note unevaluatedProperties", " oneOf"], errors.Select(e => e.InstancePointer + " " + e.Keyword));
        Assert.Equal(
            "member \"note\" is not allowed here (allowed: \"kind\", \"payload\", \"event_id\", \"run_id\", \"seq\", \"step_id\", \"agent_role\", \"occurred_at\")",
            errors[0].Message);
    }
}
