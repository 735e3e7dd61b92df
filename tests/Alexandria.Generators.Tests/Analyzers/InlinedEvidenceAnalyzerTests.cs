using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Alexandria.Generators.Tests.Analyzers.AnalyzerRunner;

namespace Alexandria.Generators.Tests.Analyzers;

public sealed class InlinedEvidenceAnalyzerTests
{
    [Fact]
    public async Task Text_put_into_evidence_ids_is_reported_and_real_ids_are_not()
    {
        const string source = """
            using Alexandria.Contracts;

            public static class Uses
            {
                public static EvidencePointer Bad(string chunkText, string path) => new EvidencePointer
                {
                    EvidenceId = "The quarterly report says revenue grew",
                    ChunkId = chunkText,
                    Span = new EvidenceSpan { Start = 0, End = 10 },
                };

                public static void Record(string evidenceId, string chunkId) { }

                public static void FromFile(string path) => Record(System.IO.File.ReadAllText(path), "c-1");

                public static EvidencePointer Good(string chunkId, int n) => new EvidencePointer
                {
                    EvidenceId = "doc-42",
                    ChunkId = chunkId,
                    Span = new EvidenceSpan { Start = n, End = n + 5 },
                };
            }
            """;

        var diagnostics = await AnalyzeAsync(source);

        Assert.Equal(3, diagnostics.Count);
        AssertAt(diagnostics[0], "ALX1004", DiagnosticSeverity.Warning, PositionOf(source, "\"The quarterly"), 40);
        Assert.Equal(
            "A string literal of 38 characters looks like evidence text, but 'EvidenceId' is an identifier of an evidence pointer; keep the text in the evidence store and pass its evidence_id, chunk_id and span",
            diagnostics[0].GetMessage());
        AssertAt(diagnostics[1], "ALX1004", DiagnosticSeverity.Warning, PositionOf(source, "chunkText,", 2), 9);
        Assert.StartsWith("'chunkText' looks like evidence text", diagnostics[1].GetMessage());
        AssertAt(diagnostics[2], "ALX1004", DiagnosticSeverity.Warning, PositionOf(source, "System.IO.File.ReadAllText(path)"), 32);
        Assert.Contains("'evidenceId'", diagnostics[2].GetMessage());
    }
}
