using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Alexandria.Contracts.Tests;

/// <summary>
/// Every valid example in contracts/examples reads into its definition's generated type and writes back to
/// the same JSON: same members, same order, same values (whitespace and string escaping normalized).
/// </summary>
public sealed class ExampleRoundTripTests
{
    /// <summary>The generated type of each definition the examples use; a new definition in the index must be added here.</summary>
    private static readonly Dictionary<string, Type> TypesByDefinition = new()
    {
        ["run_event"] = typeof(RunEvent),
        ["compaction_snapshot"] = typeof(CompactionSnapshot),
        ["evidence_pointer"] = typeof(EvidencePointer),
        ["artifact_record"] = typeof(ArtifactRecord),
        ["context_request_packet"] = typeof(ContextRequestPacket),
        ["context_response_packet"] = typeof(ContextResponsePacket),
        ["handoff_packet"] = typeof(HandoffPacket),
        ["packet"] = typeof(Packet),
        ["guardrail_outcome"] = typeof(GuardrailOutcome),
        ["problem_details"] = typeof(ProblemDetails),
        ["append_events_request"] = typeof(AppendEventsRequest),
        ["compact_run_request"] = typeof(CompactRunRequest),
    };

    public static TheoryData<string, string> ValidExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, definition) in ContractExamples.Valid())
        {
            data.Add(file, definition);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Valid_example_round_trips_through_its_generated_type(string file, string definition)
    {
        Assert.True(TypesByDefinition.TryGetValue(definition, out var type), $"No generated type is mapped for '{definition}' ({file}).");
        var original = ContractExamples.Read(file);

        var value = JsonSerializer.Deserialize(original, type, OutputSchemaJson.Options);
        var written = JsonSerializer.Serialize(value, type, OutputSchemaJson.Options);

        Assert.IsAssignableFrom(type, value);
        Assert.Equal(Normalize(original), Normalize(written));
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void Valid_example_read_twice_gives_equal_values(string file, string definition)
    {
        var original = ContractExamples.Read(file);

        var first = JsonSerializer.Deserialize(original, TypesByDefinition[definition], OutputSchemaJson.Options);
        var second = JsonSerializer.Deserialize(original, TypesByDefinition[definition], OutputSchemaJson.Options);

        Assert.Equal(first, second);
        Assert.Equal(first!.GetHashCode(), second!.GetHashCode());
    }

    [Fact]
    public void Every_definition_with_valid_examples_has_a_mapped_type()
    {
        var used = ContractExamples.Valid().Select(e => e.Definition).Distinct().Order().ToList();

        Assert.NotEmpty(used);
        Assert.Equal(used, used.Where(TypesByDefinition.ContainsKey));
    }

    /// <summary>Whitespace-free, with one string escaping, members kept in their order and numbers as written.</summary>
    private static string Normalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
