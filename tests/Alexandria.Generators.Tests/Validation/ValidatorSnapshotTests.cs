using Alexandria.Generators.Tests.Infrastructure;

namespace Alexandria.Generators.Tests.Validation;

public sealed class ValidatorSnapshotTests
{
    [Fact]
    public void The_generated_validator_of_a_small_schema_matches_its_snapshot()
    {
        const string contract = """
            {
              "$defs": {
                "evidence_span": {
                  "type": "object",
                  "properties": { "start": { "type": "integer", "minimum": 0 }, "end": { "type": "integer", "minimum": 0 } },
                  "required": ["start", "end"],
                  "additionalProperties": false
                }
              }
            }
            """;
        var run = new GeneratorHarness().WithContract("/c/spans.json", contract).Run().AssertCompiles();

        SnapshotAssert.Matches(run.Source("spans.CompiledSpans.g.cs"), "spans.CompiledSpans");
        SnapshotAssert.Matches(run.Source("spans.CompiledSpans.Streaming.g.cs"), "spans.CompiledSpans.Streaming");
        SnapshotAssert.Matches(run.Source("spans.EvidenceSpanValidator.g.cs"), "spans.EvidenceSpanValidator");
    }
}
