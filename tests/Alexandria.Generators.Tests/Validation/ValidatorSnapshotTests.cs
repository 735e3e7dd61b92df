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

    [Fact]
    public void Patterns_are_built_for_the_engine_their_constructs_allow_and_matched_with_a_time_limit()
    {
        // simple form (compiled backtracking), no lookaround (NonBacktracking), lookahead (backtracking; the streaming
        // path matches its literal look-aheads on bytes), patternProperties.
        const string contract = """
            {
              "$defs": {
                "named_path": {
                  "type": "object",
                  "properties": {
                    "id": { "type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$" },
                    "title": { "type": "string", "pattern": "^(\\w+\\s?)*$" },
                    "path": { "type": "string", "pattern": "^(?!/)(?!.*\\.\\.)[A-Za-z0-9._/-]{1,512}$" },
                    "tags": { "type": "object", "patternProperties": { "^x-.+$": { "type": "string" } }, "additionalProperties": false }
                  }
                }
              }
            }
            """;
        var run = new GeneratorHarness().WithContract("/c/paths.json", contract).Run().AssertCompiles();

        SnapshotAssert.Matches(run.Source("paths.CompiledPaths.g.cs"), "paths.CompiledPaths");
        SnapshotAssert.Matches(run.Source("paths.CompiledPaths.Streaming.g.cs"), "paths.CompiledPaths.Streaming");
    }
}
