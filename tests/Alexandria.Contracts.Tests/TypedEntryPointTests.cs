using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Alexandria.Contracts.Validation;

namespace Alexandria.Contracts.Tests;

/// <summary>
/// The typed entry points of the real contract's types, over every example in contracts/examples: valid examples
/// parse (validated) and write back the same JSON; invalid ones never become objects — <c>Parse</c> throws a
/// <c>ContractValidationException</c> and <c>TryParse</c> returns false, both with exactly the validator's errors.
/// </summary>
public sealed class TypedEntryPointTests
{
    private delegate T Parser<T>(ReadOnlySpan<byte> utf8);

    private delegate bool TryParser<T>(ReadOnlySpan<byte> utf8, out T? value, out ValidationResult result);

    /// <summary>One type's entry points, erased to object so examples can be driven by their definition name.</summary>
    private sealed record EntryPoints(Func<byte[], object> Parse, Func<byte[], (bool Ok, object? Value, ValidationResult Result)> TryParse, Func<byte[], object> ParseUnvalidated, Func<object, byte[]> Write);

    private static EntryPoints For<T>(Parser<T> parse, TryParser<T> tryParse, Parser<T> parseUnvalidated, Func<T, byte[]> write)
        where T : class
        => new(
            utf8 => parse(utf8),
            utf8 => (tryParse(utf8, out var value, out var result), value, result),
            utf8 => parseUnvalidated(utf8),
            value => write((T)value));

    /// <summary>Every definition an example is an instance of (valid or not); a new one in the index must be added here.</summary>
    private static readonly Dictionary<string, EntryPoints> ByDefinition = new()
    {
        ["act_event"] = For<ActEvent>(ActEvent.Parse, ActEvent.TryParse, ActEvent.ParseUnvalidated, v => v.ToUtf8Json()),
        ["append_events_request"] = For<AppendEventsRequest>(AppendEventsRequest.Parse, AppendEventsRequest.TryParse, AppendEventsRequest.ParseUnvalidated, v => v.ToUtf8Json()),
        ["artifact_record"] = For<ArtifactRecord>(ArtifactRecord.Parse, ArtifactRecord.TryParse, ArtifactRecord.ParseUnvalidated, v => v.ToUtf8Json()),
        ["compact_run_request"] = For<CompactRunRequest>(CompactRunRequest.Parse, CompactRunRequest.TryParse, CompactRunRequest.ParseUnvalidated, v => v.ToUtf8Json()),
        ["compaction_snapshot"] = For<CompactionSnapshot>(CompactionSnapshot.Parse, CompactionSnapshot.TryParse, CompactionSnapshot.ParseUnvalidated, v => v.ToUtf8Json()),
        ["context_request_packet"] = For<ContextRequestPacket>(ContextRequestPacket.Parse, ContextRequestPacket.TryParse, ContextRequestPacket.ParseUnvalidated, v => v.ToUtf8Json()),
        ["context_response_packet"] = For<ContextResponsePacket>(ContextResponsePacket.Parse, ContextResponsePacket.TryParse, ContextResponsePacket.ParseUnvalidated, v => v.ToUtf8Json()),
        ["evidence_pointer"] = For<EvidencePointer>(EvidencePointer.Parse, EvidencePointer.TryParse, EvidencePointer.ParseUnvalidated, v => v.ToUtf8Json()),
        ["guardrail_outcome"] = For<GuardrailOutcome>(GuardrailOutcome.Parse, GuardrailOutcome.TryParse, GuardrailOutcome.ParseUnvalidated, v => v.ToUtf8Json()),
        ["handoff_packet"] = For<HandoffPacket>(HandoffPacket.Parse, HandoffPacket.TryParse, HandoffPacket.ParseUnvalidated, v => v.ToUtf8Json()),
        ["loop_detected_outcome"] = For<LoopDetectedOutcome>(LoopDetectedOutcome.Parse, LoopDetectedOutcome.TryParse, LoopDetectedOutcome.ParseUnvalidated, v => v.ToUtf8Json()),
        ["observe_event"] = For<ObserveEvent>(ObserveEvent.Parse, ObserveEvent.TryParse, ObserveEvent.ParseUnvalidated, v => v.ToUtf8Json()),
        ["packet"] = For<Packet>(Packet.Parse, Packet.TryParse, Packet.ParseUnvalidated, v => v.ToUtf8Json()),
        ["plan_event"] = For<PlanEvent>(PlanEvent.Parse, PlanEvent.TryParse, PlanEvent.ParseUnvalidated, v => v.ToUtf8Json()),
        ["problem_details"] = For<ProblemDetails>(ProblemDetails.Parse, ProblemDetails.TryParse, ProblemDetails.ParseUnvalidated, v => v.ToUtf8Json()),
        ["run_event"] = For<RunEvent>(RunEvent.Parse, RunEvent.TryParse, RunEvent.ParseUnvalidated, v => v.ToUtf8Json()),
        ["schema_repair_outcome"] = For<SchemaRepairOutcome>(SchemaRepairOutcome.Parse, SchemaRepairOutcome.TryParse, SchemaRepairOutcome.ParseUnvalidated, v => v.ToUtf8Json()),
        ["token_usage_event"] = For<TokenUsageEvent>(TokenUsageEvent.Parse, TokenUsageEvent.TryParse, TokenUsageEvent.ParseUnvalidated, v => v.ToUtf8Json()),
        ["tool_call_started_event"] = For<ToolCallStartedEvent>(ToolCallStartedEvent.Parse, ToolCallStartedEvent.TryParse, ToolCallStartedEvent.ParseUnvalidated, v => v.ToUtf8Json()),
    };

    public static TheoryData<string, string, bool> Examples()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (file, definition, valid) in ContractExamples.All())
        {
            data.Add(file, definition, valid);
        }

        return data;
    }

    [Fact]
    public void Every_definition_with_examples_has_its_entry_points_mapped()
    {
        var used = ContractExamples.All().Select(e => e.Definition).Distinct().Order().ToList();

        Assert.Equal(used, used.Where(ByDefinition.ContainsKey));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Parse_accepts_exactly_what_the_validator_accepts(string file, string definition, bool valid)
    {
        var utf8 = Encoding.UTF8.GetBytes(ContractExamples.Read(file));
        var entry = ByDefinition[definition];
        Assert.True(OutputSchemaValidators.TryValidate(definition, utf8, out var expected));
        Assert.Equal(valid, expected.IsValid);

        var (ok, value, result) = entry.TryParse(utf8);

        Assert.Equal(valid, ok);
        Assert.Equal(expected.Errors, result.Errors);
        if (valid)
        {
            Assert.NotNull(value);
            Assert.Equal(Normalize(utf8), Normalize(entry.Write(entry.Parse(utf8))));
            Assert.Equal(value, entry.ParseUnvalidated(utf8));
            return;
        }

        Assert.Null(value);
        var error = Assert.Throws<ContractValidationException>(() => entry.Parse(utf8));
        Assert.Equal(expected.Errors, error.Result.Errors);
        Assert.Contains(expected.Errors[0].ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeInfo_round_trips_a_run_event_without_the_reflection_based_overloads()
    {
        var utf8 = Encoding.UTF8.GetBytes(ContractExamples.Read("run_event.valid.1.json"));

        var value = JsonSerializer.Deserialize(utf8, OutputSchemaJson.TypeInfo.RunEvent)!;

        Assert.Same(OutputSchemaJson.TypeInfo.RunEvent, OutputSchemaJson.TypeInfo.RunEvent);
        Assert.Equal(value.ToUtf8Json(), JsonSerializer.SerializeToUtf8Bytes(value, OutputSchemaJson.TypeInfo.RunEvent));
        Assert.Equal(Normalize(utf8), Normalize(JsonSerializer.SerializeToUtf8Bytes(value, OutputSchemaJson.TypeInfo.RunEvent)));
    }

    private static string Normalize(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
